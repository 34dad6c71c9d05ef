package io.fanout.ingest.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Stream keys: 192 random bits from a CSPRNG, URL-safe so they fit in an RTMP URL. Only their
 * SHA-256 is stored. A key has enough entropy that a plain hash cannot be reversed, and the edge's
 * lookup compares hashes, so response times say nothing about how close a guess was.
 */
public final class StreamKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "fo_";

    private StreamKeys() {
    }

    /** A new key, such as {@code fo_Xq3...}; shown once to its owner and never logged. */
    public static String generate() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** Equality of two secrets in time that does not depend on where they differ. */
    public static boolean sameSecret(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(expected), hash(given));
    }
}

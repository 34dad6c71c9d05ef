package io.fanout.publish.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secrets of one OAuth 2.0 authorization-code flow (RFC 6749 with PKCE, RFC 7636): a
 * {@code state} that names the flow in the network's redirect and is good for one callback, and a
 * {@code codeVerifier} whose S256 {@code codeChallenge} goes to the consent page while the verifier
 * stays here until the code is exchanged. A code intercepted on its way back is worthless without
 * the verifier.
 */
public record Pkce(String state, String codeVerifier) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** A new flow: 256 random bits each, base64url (the verifier is 43 characters, RFC 7636's minimum length). */
    public static Pkce generate() {
        return new Pkce(random(), random());
    }

    /** {@code BASE64URL(SHA-256(ASCII(codeVerifier)))}, RFC 7636 section 4.2. */
    public String codeChallenge() {
        return BASE64URL.encodeToString(sha256(codeVerifier));
    }

    /**
     * What is stored of a state: its SHA-256. A callback is matched by hashing the state it brings, so
     * a reader of the table cannot complete a pending flow.
     */
    public static byte[] stateHash(String state) {
        return sha256(state);
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "PKCE flow";
    }
}

package io.fanout.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * The RSA key pair that signs partner API tokens where Fanout runs on one machine (tests, the local
 * launcher): generated once per JVM and written
 * as PEM files (PKCS#8 private, X.509 public) where Quarkus' JWT support reads them.
 */
public final class TokenKeys {

    private static final class Holder {
        static final TokenKeys SHARED = generate();
    }

    /** The issuer ingest-service puts in partner tokens, which every service verifies. */
    public static final String ISSUER = "https://fanout.io/ingest";

    private final Path privateKey;
    private final Path publicKey;
    private final PrivateKey signingKey;

    private TokenKeys(Path privateKey, Path publicKey, PrivateKey signingKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.signingKey = signingKey;
    }

    /**
     * A partner API token as ingest-service issues it (RS256; subject = partner id, group
     * {@code partner}, a fresh jti), for services that only verify tokens.
     */
    public String partnerToken(UUID partnerId) {
        return partnerToken(partnerId, UUID.randomUUID());
    }

    /** A partner API token of one credential ({@code jti}), for tests that revoke it. */
    public String partnerToken(UUID partnerId, UUID credentialId) {
        long now = Instant.now().getEpochSecond();
        String header = base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String payload = base64Url("{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + partnerId + "\",\"groups\":[\"partner\"],"
                + "\"jti\":\"" + credentialId + "\",\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}");
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(signingKey);
            rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    public static TokenKeys shared() {
        return Holder.SHARED;
    }

    public Path privateKeyPem() {
        return privateKey;
    }

    public Path publicKeyPem() {
        return publicKey;
    }

    private static TokenKeys generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path dir = Paths.fresh("token-keys");
            Files.createDirectories(dir);
            Path privateKey = dir.resolve("private.pem");
            Path publicKey = dir.resolve("public.pem");
            Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            return new TokenKeys(privateKey, publicKey, pair.getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}

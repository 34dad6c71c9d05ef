package io.fanout.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The RSA key pair that signs partner API tokens in tests: generated once per test JVM and written
 * as PEM files (PKCS#8 private, X.509 public) where Quarkus' JWT support reads them.
 */
public final class TokenKeys {

    private static final class Holder {
        static final TokenKeys SHARED = generate();
    }

    private final Path privateKey;
    private final Path publicKey;

    private TokenKeys(Path privateKey, Path publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
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
            return new TokenKeys(privateKey, publicKey);
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

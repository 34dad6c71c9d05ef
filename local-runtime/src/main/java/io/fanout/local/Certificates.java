package io.fanout.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * X.509 certificates made with the {@code openssl} command, for the local edge's RTMPS and for TLS
 * stand-ins in tests: a certificate authority of the run's own (never the system's), server certificates it signs for a name, and a
 * self-signed one. A client that trusts only {@link #caFile()} accepts the first kind for its name and
 * nothing else.
 */
public final class Certificates {

    /** A server's certificate chain and private key, as PEM files. */
    public record ServerCertificate(Path certificate, Path key) {
    }

    private final Path dir;

    private Certificates(Path dir) {
        this.dir = dir;
    }

    /** A new certificate authority in a fresh directory. */
    public static Certificates authority() {
        Path dir = Paths.fresh("certificates");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Certificates certificates = new Certificates(dir);
        certificates.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Fanout test CA",
                "-keyout", certificates.dir.resolve("ca.key").toString(), "-out", certificates.caFile().toString());
        return certificates;
    }

    /** The authority's certificate: the one trust anchor a test's client is given. */
    public Path caFile() {
        return dir.resolve("ca.pem");
    }

    /** A server certificate for {@code name} (DNS name, and 127.0.0.1), signed by this authority. */
    public ServerCertificate signedFor(String name) {
        Path key = dir.resolve(name + ".key");
        Path request = dir.resolve(name + ".csr");
        Path certificate = dir.resolve(name + ".pem");
        Path extensions = dir.resolve(name + ".ext");
        write(extensions, "subjectAltName=DNS:" + name + ",IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + name, "-keyout", key.toString(), "-out",
                request.toString());
        openssl("x509", "-req", "-in", request.toString(), "-CA", caFile().toString(), "-CAkey",
                dir.resolve("ca.key").toString(), "-CAcreateserial", "-days", "2", "-extfile", extensions.toString(),
                "-out", certificate.toString());
        return new ServerCertificate(certificate, key);
    }

    /** A certificate for {@code name} that signs itself: no authority vouches for it. */
    public ServerCertificate selfSignedFor(String name) {
        Path key = dir.resolve("self-" + name + ".key");
        Path certificate = dir.resolve("self-" + name + ".pem");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + name, "-addext",
                "subjectAltName=DNS:" + name + ",IP:127.0.0.1", "-keyout", key.toString(), "-out", certificate.toString());
        return new ServerCertificate(certificate, key);
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void openssl(String... arguments) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Path log = dir.resolve("openssl.log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("openssl " + arguments[0] + " failed; see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run openssl (Debian package openssl)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

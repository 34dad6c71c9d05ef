package io.fanout.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.fanout.testkit.RepositoryFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The edge's configuration as its image renders it ({@code deploy/edge/entrypoint.sh render}) from a
 * deployment's environment, with what the image keeps at fixed paths (the secret, the certificate,
 * its directory) kept in {@code dir} instead; and that rendering through {@code nginx -t}.
 */
final class EdgeImageRendering {

    private EdgeImageRendering() {
    }

    /** Renders with {@code environment} (the secret file's content given as {@code secret}); returns the configuration. */
    static String render(Map<String, String> environment, String secret, Path dir) throws IOException, InterruptedException {
        Path secretFile = dir.resolve("edge-secret");
        Files.writeString(secretFile, secret);
        Map<String, String> env = new HashMap<>(environment);
        env.put("EDGE_SECRET_FILE", secretFile.toString());
        env.put("TLS_CERTIFICATE", dir.resolve("tls/tls.crt").toString());
        env.put("TLS_KEY", dir.resolve("tls/tls.key").toString());
        env.put("EDGE_DIR", dir.resolve("edge").toString());
        env.put("EDGE_ERROR_LOG", dir.resolve("error.log").toString());
        env.put("EDGE_TEMPLATE", RepositoryFiles.path("deploy/edge/nginx.conf.template").toString());
        ProcessBuilder render = new ProcessBuilder("sh", RepositoryFiles.path("deploy/edge/entrypoint.sh").toString(),
                "render").redirectErrorStream(true);
        render.environment().putAll(env);
        Process rendering = render.start();
        String said = new String(rendering.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(rendering.waitFor()).as(said).isZero();
        String conf = Files.readString(dir.resolve("edge/nginx.conf"));
        assertThat(conf).doesNotContain("${");
        return conf;
    }

    /**
     * {@code nginx -t} on the rendering. nginx resolves the hooks' host when it starts, and a compose or
     * cluster name resolves only there: {@code hooksHost} is read as 127.0.0.1 for the check.
     */
    static void check(String conf, String hooksHost, Path dir) throws IOException, InterruptedException {
        Path checked = dir.resolve("edge/nginx-check.conf");
        Files.writeString(checked, conf.replace("http://" + hooksHost + ":", "http://127.0.0.1:"));
        Process check = new ProcessBuilder("nginx", "-t", "-p", dir.resolve("edge") + "/", "-c", checked.toString())
                .redirectErrorStream(true).start();
        String answer = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor()).as(answer).isZero();
        assertThat(answer).contains("syntax is ok");
    }
}

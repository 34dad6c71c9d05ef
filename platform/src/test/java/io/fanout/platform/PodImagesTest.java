package io.fanout.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.fanout.testkit.Probe;
import io.fanout.testkit.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The images publish- and transcode-service's pod runners name by default have their Dockerfiles
 * here, and the push image's build step makes the slate the pods expect: run here, the same script
 * turns publish-service's card into a 1280x720 H.264 + AAC loop, where the configuration says the
 * slate is.
 */
class PodImagesTest {

    @Test
    void eachDefaultPodImageHasItsDockerfile() throws IOException {
        assertThat(defaultImage("publish-service/src/main/java/io/fanout/publish/config/PublishConfig.java"))
                .isEqualTo("ghcr.io/fanout/push-ffmpeg:5.1");
        assertThat(defaultImage("transcode-service/src/main/java/io/fanout/transcode/config/TranscodeConfig.java"))
                .isEqualTo("ghcr.io/fanout/ladder-ffmpeg:5.1");
        for (String image : new String[] {"push-ffmpeg", "ladder-ffmpeg"}) {
            String dockerfile = Files.readString(RepositoryFiles.path("deploy/" + image + "/Dockerfile"));
            // Debian bookworm's ffmpeg is 5.1, the tag the services name.
            assertThat(dockerfile).contains("FROM debian:bookworm-slim").contains(" ffmpeg ").contains("USER 10001");
        }
    }

    @Test
    void thePushImageBuildsTheSlateWhereThePodsLookForIt(@TempDir Path dir) throws Exception {
        String config = Files.readString(RepositoryFiles.path(
                "publish-service/src/main/java/io/fanout/publish/config/PublishConfig.java"));
        Matcher slate = Pattern.compile("@WithDefault\\(\"([^\"]+)\"\\)\\s+String slateFile\\(\\)").matcher(config);
        assertThat(slate.find()).isTrue();
        String dockerfile = Files.readString(RepositoryFiles.path("deploy/push-ffmpeg/Dockerfile"));
        assertThat(dockerfile).contains("COPY publish-service/src/main/resources/slate/slate.png /slate/slate.png")
                .contains("encode-slate /slate/slate.png " + slate.group(1));

        Path out = dir.resolve("slate.mp4");
        Process encode = new ProcessBuilder("sh", RepositoryFiles.path("deploy/push-ffmpeg/encode-slate.sh").toString(),
                RepositoryFiles.path("publish-service/src/main/resources/slate/slate.png").toString(), out.toString())
                .redirectErrorStream(true).start();
        String said = new String(encode.getInputStream().readAllBytes());
        assertThat(encode.waitFor()).as(said).isZero();
        Probe.Media media = Probe.probe(out.toString());
        assertThat(media.isH264Aac(1280, 720)).as(media.toString()).isTrue();
    }

    private static String defaultImage(String source) throws IOException {
        Matcher image = Pattern.compile("@WithDefault\\(\"([^\"]+)\"\\)\\s+String image\\(\\)")
                .matcher(Files.readString(RepositoryFiles.path(source)));
        assertThat(image.find()).as(source).isTrue();
        return image.group(1);
    }
}

package io.fanout.transcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fanout.contracts.CloudEvents;
import io.fanout.contracts.EventType;
import io.fanout.contracts.Topics;
import io.fanout.contracts.stream.LadderSetting;
import io.fanout.contracts.stream.StreamMedia;
import io.fanout.contracts.stream.StreamStarted;
import io.fanout.contracts.transcode.LadderStarted;
import io.fanout.contracts.transcode.RenditionReady;
import io.fanout.contracts.transcode.Rung;
import io.fanout.local.Paths;
import io.fanout.testkit.Hls;
import io.fanout.testkit.Probe;
import io.fanout.testkit.TopicRecorder;
import io.fanout.testkit.quarkus.KafkaResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A live stream on a real edge becomes a real adaptive ladder: rungs never above the source, the
 * source passed through, keyframes at the same timestamps in every rung, a master playlist that
 * ffprobe reads and variants that play; announced on {@code renditions} of a real broker.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(EdgeResource.class)
class LadderTest extends LiveSessionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SOURCE_KBPS = 5000;
    private static TopicRecorder deadLetters;

    @BeforeAll
    static void connect() {
        deadLetters = TopicRecorder.of(Topics.deadLetter(Topics.STREAM_LIFECYCLE));
    }

    @AfterAll
    static void disconnect() {
        deadLetters.close();
    }

    @Test
    void a1080pSourceGetsFourRungsWhoseKeyframesFallOnTheSameTimestamps() throws IOException {
        LiveSessions.Session live = sessions.session(e -> e.size(1920, 1080).videoKbps(SOURCE_KBPS)).start();
        try {
            LadderStarted ladder = live.awaitLadder(1);
            assertThat(ladder.rungs()).extracting(Rung::name).containsExactly("1080p", "720p", "480p", "360p");
            assertThat(ladder.playerUrl()).isEqualTo(EdgeResource.serviceUrl() + "/hls/" + live.stream + "/master.m3u8");
            assertThat(ladder.pageUrl()).isEqualTo(EdgeResource.serviceUrl() + "/watch/" + live.stream);

            List<Hls.Variant> variants = Hls.master(ladder.playerUrl());
            assertThat(variants).extracting(v -> v.attributes().get("RESOLUTION"))
                    .containsExactly("1920x1080", "1280x720", "854x480", "640x360");
            assertThat(variants).allSatisfy(v -> {
                assertThat(v.attributes()).containsKeys("BANDWIDTH", "AVERAGE-BANDWIDTH").containsEntry("FRAME-RATE", "30.000");
                assertThat(v.attributes().get("CODECS")).matches("avc1\\.[0-9a-f]{6},mp4a\\.40\\.2");
            });
            // ffmpeg's own HLS reader finds one program per rung, each with the rung's picture.
            JsonNode probed = JSON.readTree(Hls.ffprobe(ladder.playerUrl(),
                    List.of("-show_entries", "program=program_id:stream=codec_type,width,height")));
            List<String> programs = new ArrayList<>();
            probed.path("programs").forEach(p -> p.path("streams").forEach(s -> {
                if ("video".equals(s.path("codec_type").asText())) {
                    programs.add(s.path("width").asInt() + "x" + s.path("height").asInt());
                }
            }));
            assertThat(programs).containsExactlyInAnyOrder("1920x1080", "1280x720", "854x480", "640x360");

            List<Hls.Reader> players = variants.stream().map(v -> Hls.read(v.uri().toString())).toList();
            try {
                await("every variant plays 10 s").atMost(LiveSessions.DEADLINE)
                        .until(() -> players.stream().allMatch(p -> p.mediaSeconds() >= 10));
            } finally {
                players.forEach(Hls.Reader::stop);
            }

            assertKeyframesAlignedAndRungsAsAnnounced(ladder, variants);
            for (RenditionReady relay : live.awaitRelays(4)) {
                Probe.awaitMedia(relay.relayUrl(), LiveSessions.DEADLINE,
                        media -> media.isH264Aac(relay.rung().width(), relay.rung().height()));
            }
        } finally {
            live.killEncoder();
            live.end();
        }
        assertThat(live.awaitEvent(EventType.LADDER_STOPPED)).isNotNull();
    }

    @Test
    void a480pSourceIsNeverUpscaled() {
        LiveSessions.Session live = sessions.session(e -> e.size(854, 480).videoKbps(1200)).start();
        try {
            LadderStarted ladder = live.awaitLadder(1);

            assertThat(ladder.rungs()).extracting(Rung::name).containsExactly("480p", "360p");
            assertThat(Hls.master(ladder.playerUrl())).extracting(v -> v.attributes().get("RESOLUTION"))
                    .containsExactly("854x480", "640x360");
        } finally {
            live.killEncoder();
            live.end();
        }
    }

    @Test
    void theStreamsSettingChoosesTheLadder() {
        LiveSessions.Session alone = sessions.session(e -> e.size(854, 480).videoKbps(1200))
                .media(new StreamMedia(LadderSetting.PASSTHROUGH_ONLY, false)).start();
        LiveSessions.Session none = sessions.session(e -> e).media(new StreamMedia(LadderSetting.NONE, true)).start();
        try {
            assertThat(alone.awaitLadder(1).rungs()).extracting(Rung::name).containsExactly("480p");
            assertThat(Hls.master(alone.awaitLadder(1).playerUrl())).singleElement()
                    .satisfies(v -> assertThat(v.attributes()).containsEntry("RESOLUTION", "854x480"));
            // Started together, the other stream would be playable by now if it had a ladder.
            assertThat(Hls.get(EdgeResource.serviceUrl() + "/hls/" + none.stream + "/master.m3u8").status())
                    .isEqualTo(404);
        } finally {
            alone.killEncoder();
            none.killEncoder();
            alone.end();
            none.end();
        }
        alone.awaitEvent(EventType.LADDER_STOPPED);
        assertThat(none.eventTypes()).as("no ladder, no relays, no recording").isEmpty();
    }

    @Test
    void aPoisonedRecordIsParkedAndTheConsumerGoesOn() {
        String poisoned = UUID.randomUUID().toString();
        sessions.ingest().sendAs(Topics.STREAM_LIFECYCLE, poisoned, "fanout.stream.started.v1",
                "[]".getBytes(StandardCharsets.UTF_8));

        assertThat(deadLetters.awaitRecords(poisoned, 1, LiveSessions.DEADLINE).get(0).header("dead-letter-reason"))
                .contains("fanout.stream.started.v1");

        String stream = UUID.randomUUID().toString();
        sessions.ingest().send(new StreamStarted(stream, UUID.randomUUID().toString(), 2, Instant.now(),
                UUID.randomUUID().toString()));
        // No encoder publishes this stream: the source cannot be read, the restarts run out, and the failure is
        // reported. Each of the three launches waits for the source (the edge keeps readers of a stream that is
        // not published waiting): the stat's 3 s, then ffprobe's deadline of 13 s; about 50 s in all.
        TopicRecorder.Recorded failed = sessions.renditions().awaitRecords(stream, 1, Duration.ofSeconds(90)).get(0);
        assertThat(failed.header(CloudEvents.TYPE)).isEqualTo(EventType.LADDER_FAILED.ceType());
        assertThat(failed.valueAsString()).contains("cannot read the source");
    }

    /** Segments with the same name in every rung start at the same keyframe; pictures and bitrates are as announced. */
    private static void assertKeyframesAlignedAndRungsAsAnnounced(LadderStarted ladder, List<Hls.Variant> variants) {
        List<Hls.MediaPlaylist> playlists = variants.stream().map(v -> Hls.media(v.uri().toString())).toList();
        List<String> common = playlists.get(playlists.size() - 1).segments().stream().map(s -> name(s.uri()))
                .filter(n -> playlists.stream().allMatch(p -> p.segments().stream().anyMatch(s -> name(s.uri()).equals(n))))
                .toList();
        assertThat(common).hasSizeGreaterThanOrEqualTo(3);
        List<String> compared = common.subList(common.size() - 3, common.size());
        java.nio.file.Path copies = Paths.fresh("segments");
        List<List<java.nio.file.Path>> segments = new ArrayList<>();
        for (Hls.Variant variant : variants) {
            segments.add(compared.stream().map(n -> Hls.download(variant.uri().resolve(n).toString(), copies)).toList());
        }
        List<Double> reference = null;
        for (int i = 0; i < variants.size(); i++) {
            Rung rung = ladder.rungs().get(i);
            List<Double> keyframes = new ArrayList<>();
            long videoBytes = 0;
            for (java.nio.file.Path segment : segments.get(i)) {
                keyframes.addAll(Hls.keyframeTimes(segment.toString()));
                videoBytes += Hls.videoBytes(segment.toString());
                assertThat(Probe.probe(segment.toString()).video()).hasValueSatisfying(v -> {
                    assertThat(v.width()).isEqualTo(rung.width());
                    assertThat(v.height()).isEqualTo(rung.height());
                });
            }
            double seconds = playlists.get(i).segments().stream().filter(s -> compared.contains(name(s.uri())))
                    .mapToDouble(Hls.Segment::seconds).sum();
            if (reference == null) {
                reference = keyframes;
                assertThat(reference).hasSizeGreaterThanOrEqualTo(3);
            } else {
                assertThat(keyframes).as("keyframes of " + rung.name()).isEqualTo(reference);
            }
            double kbps = videoBytes * 8 / seconds / 1000;
            if (i == 0) {
                // The source itself: the encoder's bitrate, announced at most at what a passed-through source may carry.
                assertThat(kbps).as("video bitrate of the source").isCloseTo(SOURCE_KBPS, within(SOURCE_KBPS * 0.15))
                        .isLessThanOrEqualTo(rung.videoBitrateKbps());
            } else {
                assertThat(kbps).as("video bitrate of " + rung.name())
                        .isCloseTo(rung.videoBitrateKbps(), within(rung.videoBitrateKbps() * 0.15));
            }
        }
    }

    private static String name(URI uri) {
        String path = uri.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}

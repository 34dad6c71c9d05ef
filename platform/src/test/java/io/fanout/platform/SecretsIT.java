package io.fanout.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fanout.contracts.CloudEvents;
import io.fanout.contracts.EventType;
import io.fanout.contracts.Topics;
import io.fanout.local.Edge;
import io.fanout.local.Encoder;
import io.fanout.testkit.TopicRecorder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every secret of a partner's life on the platform (its token, a stream key and the key that
 * replaced it, a destination's key), and the platform's own (the admin key, the edge's hook
 * secret), searched for after a live simulcast and a key reset: in every log file the run wrote
 * (services, edge, pushes), every record of every topic and dead-letter topic (key, value,
 * headers), every API answer a partner reads, the metrics and the OpenAPI documents. Zero hits;
 * a stream key is shown only to its owner, when it is made or reset.
 */
class SecretsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalPlatform platform;

    @BeforeAll
    static void startPlatform() {
        platform = SharedPlatform.get();
    }

    @Test
    void noSecretIsInAnyLogTopicOrAnswerButTheOneShowingItToItsOwner() throws Exception {
        Edge networks = Edge.builder().application("twitch").start();
        List<String> topics = new ArrayList<>(Topics.ALL);
        Topics.ALL.forEach(topic -> topics.add(topic + Topics.DLQ_SUFFIX));
        TopicRecorder everything = TopicRecorder.of(platform.kafkaBootstrapServers(), topics);
        Encoder encoder = null;
        try {
            PartnerApi admin = PartnerApi.admin(platform);
            String token = admin.createPartner("Secretive Sports");
            PartnerApi partner = admin.as(token);
            Map<String, Object> stream = partner.createStream("Final", 0);
            String streamId = (String) stream.get("id");
            String firstKey = (String) stream.get("streamKey");
            Map<?, ?> reset = JSON.readValue(answer(partner, "POST", platform.serviceUrl(Service.INGEST) + "/v1/streams/" + streamId
                    + "/reset-stream-key"), Map.class);
            String streamKey = (String) reset.get("streamKey");
            String destinationKey = "live_" + UUID.randomUUID().toString().replace("-", "");
            partner.addTarget(streamId, partner.createDestination("Twitch", "rtmp", networks.rtmpUrl("twitch"),
                    destinationKey), PATIENCE);
            encoder = Encoder.to((String) reset.get("publishUrl")).size(320, 240).start();
            await("the simulcast reaches the destination").atMost(PATIENCE).until(() -> networks.isPublishing(destinationKey));
            encoder.stop();
            await("the destination's push ended").atMost(PATIENCE).until(() -> !networks.isPublishing(destinationKey));
            await("every event of the session recorded, its end included").atMost(PATIENCE).until(() -> everything
                    .withKey(streamId).stream().anyMatch(r -> EventType.STREAM_ENDED.ceType().equals(r.header(CloudEvents.TYPE))));

            Map<String, String> secrets = new LinkedHashMap<>();
            secrets.put("partner token", token);
            secrets.put("stream key before the reset", firstKey);
            secrets.put("stream key", streamKey);
            secrets.put("destination key", destinationKey);
            secrets.put("admin key", platform.adminKey());
            String hooks = platform.edgeHooksUrl();
            secrets.put("edge secret", hooks.substring(hooks.lastIndexOf('/') + 1));
            assertThat(secrets.values()).allSatisfy(secret -> assertThat(secret).hasSizeGreaterThan(12));

            List<String> hits = new ArrayList<>();
            try (Stream<Path> files = Files.walk(platform.logDirectory())) {
                for (Path file : files.filter(Files::isRegularFile).filter(SecretsIT::isLog).toList()) {
                    String text;
                    try {
                        text = Files.readString(file, StandardCharsets.ISO_8859_1);
                    } catch (NoSuchFileException gone) {
                        continue; // a process's state file, removed when it ended: it holds nothing any more
                    }
                    secrets.forEach((what, secret) -> {
                        if (text.contains(secret)) {
                            hits.add(what + " in " + file);
                        }
                    });
                }
            }
            everything.count(r -> {
                String seen = r.key() + " " + r.headers() + " " + (r.value() == null ? "" : r.valueAsString());
                secrets.forEach((what, secret) -> {
                    if (seen.contains(secret)) {
                        hits.add(what + " on " + r.topic() + " at offset " + r.offset());
                    }
                });
                return false;
            });
            Map<String, String> answers = new LinkedHashMap<>();
            for (String path : List.of("/v1/destinations", "/v1/streams/" + streamId + "/targets")) {
                answers.put("publish " + path, answer(partner, "GET", platform.serviceUrl(Service.PUBLISH) + path));
            }
            answers.put("ingest stream", answer(partner, "GET", platform.serviceUrl(Service.INGEST) + "/v1/streams/" + streamId));
            answers.put("ingest sessions", answer(partner, "GET", platform.serviceUrl(Service.INGEST) + "/v1/streams/" + streamId
                    + "/sessions"));
            answers.put("catalog stream live view", answer(partner, "GET", platform.serviceUrl(Service.CATALOG) + "/v1/streams/"
                    + streamId + "/live"));
            for (Service service : Service.values()) {
                answers.put(service.module() + " metrics", answer(partner, "GET", platform.serviceUrl(service) + "/q/metrics"));
                if (service.partnerApi()) {
                    answers.put(service.module() + " OpenAPI", answer(partner, "GET", platform.serviceUrl(service) + "/q/openapi"));
                }
            }
            answers.put("AsyncAPI", Files.readString(Path.of(System.getProperty("fanout.root", ".."), "contracts/asyncapi.yaml")));
            answers.forEach((where, body) -> secrets.forEach((what, secret) -> {
                if (body.contains(secret)) {
                    hits.add(what + " in " + where);
                }
            }));
            assertThat(hits).as("places a secret was found").isEmpty();
        } finally {
            if (encoder != null) {
                encoder.stop();
            }
            everything.close();
            networks.stop();
        }
    }

    /** Files a process wrote as it ran: logs, nginx's, a push's error and progress reports. */
    private static boolean isLog(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".log") || name.endsWith(".out") || name.endsWith(".errors") || name.endsWith(".progress")
                || name.endsWith("-output.txt");
    }

    private static String answer(PartnerApi caller, String method, String url) {
        HttpResponse<String> answer = caller.exchange(method, url, null);
        assertThat(answer.statusCode()).as("%s %s: %s", method, url, answer.body()).isLessThan(300);
        return answer.body();
    }
}

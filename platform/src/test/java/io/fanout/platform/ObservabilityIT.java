package io.fanout.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fanout.local.Edge;
import io.fanout.local.Encoder;
import io.fanout.testkit.Dashboard;
import io.fanout.testkit.Probe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The operators' view proven against the running platform: a real Prometheus (as {@code ./fanout up}
 * starts it, with Fanout's alert rules) scrapes the four services while a stream is simulcast; every
 * panel query of the Grafana dashboard returns data, every alert expression evaluates and every
 * metric it reads has series; a destination that goes away makes {@code FanoutPushRetrying} pending,
 * and when it comes back the alert resolves.
 */
class ObservabilityIT {

    private static final Duration MEDIA = Duration.ofSeconds(60);

    @Test
    void everyPanelAndAlertReadsTheLivePlatformAndThePushAlertFollowsADestination() {
        LocalPlatform platform = SharedPlatform.get();
        LocalPrometheus prometheus = platform.prometheus();
        assertThat(prometheus).as("Prometheus runs with the platform (./fanout setup installs it)").isNotNull();
        Edge network = Edge.builder().application("youtube").start();
        PartnerApi partner = PartnerApi.admin(platform).as(PartnerApi.admin(platform).createPartner("Watched League"));
        Map<String, Object> stream = partner.createStream("Watched final", 0);
        String streamId = (String) stream.get("id");
        String destination = partner.createDestination("YouTube", "rtmp", network.rtmpUrl("youtube"), "watched-key");
        partner.addTarget(streamId, destination, MEDIA);
        Encoder encoder = Encoder.to((String) stream.get("publishUrl")).size(640, 360).start();
        try {
            Probe.awaitMedia(network.rtmpUrl("youtube", "watched-key"), MEDIA, media -> media.isH264Aac(640, 360));
            await("every service scraped").atMost(MEDIA).until(() -> StreamSupport
                    .stream(prometheus.targets().spliterator(), false)
                    .filter(target -> "up".equals(target.path("health").asText())).count() == Service.values().length);

            Dashboard panels = Dashboard.named("fanout.json");
            await("every panel with data").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(withoutData(prometheus, panels.queries())).isEmpty());
            Dashboard alerts = Dashboard.alertRules("alerts.yml");
            for (String expression : alerts.queries()) {
                assertThat(prometheus.query(expression).path("status").asText()).as(expression).isEqualTo("success");
            }
            List<String> metrics = alerts.metricNames().stream().map(name -> "count(" + name + ")").toList();
            await("every metric the alerts read").atMost(MEDIA).pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(withoutData(prometheus, metrics)).isEmpty());

            network.kill();
            await("FanoutPushRetrying pending or firing").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> alert(prometheus, "FanoutPushRetrying") != null);
            Console.show(String.format("FanoutPushRetrying went %s after the destination went away",
                    alert(prometheus, "FanoutPushRetrying").path("state").asText()));
            network.start();
            await("FanoutPushRetrying resolved").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> alert(prometheus, "FanoutPushRetrying") == null);
            Probe.awaitMedia(network.rtmpUrl("youtube", "watched-key"), MEDIA, media -> media.isH264Aac(640, 360));
        } finally {
            encoder.stop();
            network.stop();
        }
    }

    /** The queries that answer nothing now, each with what Prometheus said. */
    private static List<String> withoutData(LocalPrometheus prometheus, List<String> queries) {
        List<String> empty = new ArrayList<>();
        for (String query : queries) {
            String promql = query.replace("$job", ".*").replace("$__rate_interval", "1m").replace("$__range", "10m");
            JsonNode answer = prometheus.query(promql);
            if (!"success".equals(answer.path("status").asText()) || answer.path("data").path("result").isEmpty()) {
                empty.add(promql + " -> " + answer);
            }
        }
        return empty;
    }

    private static JsonNode alert(LocalPrometheus prometheus, String name) {
        for (JsonNode alert : prometheus.alerts()) {
            if (name.equals(alert.path("labels").path("alertname").asText())) {
                return alert;
            }
        }
        return null;
    }
}

package io.fanout.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fanout.contracts.CloudEvents;
import io.fanout.contracts.EventType;
import io.fanout.contracts.Topics;
import io.fanout.contracts.catalog.Participant;
import io.fanout.contracts.fixture.FixtureUpserted;
import io.fanout.local.Edge;
import io.fanout.local.Encoder;
import io.fanout.platform.feed.FeedPublisher;
import io.fanout.testkit.Probe;
import io.fanout.testkit.TopicRecorder;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A match from an upstream feed goes live and ends with its stream, end to end on the built
 * services: a provider publishes the fixture, the partner binds the match to a stream and plans it
 * onto two destinations in the catalog, publish-service makes targets of the plan, an encoder goes
 * live, both destinations receive the media, and the catalog's live view shows the match live with
 * both pushes broadcasting; when the encoder stops, the match ends and the pushes stop.
 */
class MatchLiveIT {

    private static final Duration MEDIA = Duration.ofSeconds(60);
    private static LocalPlatform platform;
    private static Edge networks;
    private static TopicRecorder catalogEvents;

    @BeforeAll
    static void startPlatform() {
        platform = SharedPlatform.get();
        networks = Edge.builder().application("youtube").application("twitch").start();
        catalogEvents = TopicRecorder.of(platform.kafkaBootstrapServers(), List.of(Topics.CATALOG_EVENTS));
    }

    @AfterAll
    static void stopPlatform() {
        catalogEvents.close();
        networks.stop();
    }

    @Test
    void aFedMatchGoesLiveOnItsPlannedDestinationsAndEndsWithItsStream() {
        PartnerApi.NewPartner created = PartnerApi.admin(platform).newPartner("Tennis Tour");
        PartnerApi partner = PartnerApi.admin(platform).as(created.token());
        Map<String, Object> stream = partner.createStream("Court 1", 0);
        String streamId = (String) stream.get("id");
        String youtube = partner.createDestination("YouTube", "rtmp", networks.rtmpUrl("youtube"), "match-yt");
        String twitch = partner.createDestination("Twitch", "twitch", networks.rtmpUrl("twitch"), "match-tw");
        partner.authoriseFeed("tour-feed");
        try (FeedPublisher provider = new FeedPublisher(platform.kafkaBootstrapServers())) {
            provider.publish("tour-feed", List.of(new FixtureUpserted("tour-feed", "sf-" + UUID.randomUUID(), created.id(), 1,
                    Instant.now(), "tennis", "Tour Finals", "Semi-final", null,
                    List.of(new Participant("A. Zverev", "player"), new Participant("D. Medvedev", "player")), "Arena",
                    Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS), null)));
        }
        String match = await("the fixture's match").atMost(MEDIA).until(() -> partner.findMatches("Zverev"),
                found -> !found.isEmpty()).get(0).get("id").toString();

        partner.bindAndPlan(match, streamId, List.of(youtube, twitch), "{competition}: {participants}", MEDIA);
        await("targets from the plan").atMost(MEDIA).until(() -> partner.targets(streamId).size() == 2);

        Encoder encoder = Encoder.to((String) stream.get("publishUrl")).size(640, 360).start();
        try {
            Probe.awaitMedia(networks.rtmpUrl("youtube", "match-yt"), MEDIA, media -> media.isH264Aac(640, 360));
            Probe.awaitMedia(networks.rtmpUrl("twitch", "match-tw"), MEDIA, media -> media.isH264Aac(640, 360));
            await("the live view says live, broadcasting everywhere").atMost(MEDIA).until(() -> {
                Map<String, Object> live = partner.matchLive(match);
                return "live".equals(((Map<?, ?>) live.get("match")).get("status"))
                        && pushStates(live).equals(List.of("broadcasting", "broadcasting"));
            });
        } finally {
            encoder.stop();
        }

        await("the match ended with its stream").atMost(MEDIA).until(() -> "ended".equals(partner.match(match).get("status")));
        await("the pushes stopped").atMost(MEDIA).until(() -> pushStates(partner.matchLive(match))
                .equals(List.of("stopped", "stopped")));
        List<String> types = catalogEvents.awaitRecords(match, 5, MEDIA).stream().map(r -> r.header(CloudEvents.TYPE))
                .toList();
        assertThat(types).startsWith(EventType.MATCH_SCHEDULED.ceType())
                .endsWith(EventType.MATCH_LIVE.ceType(), EventType.MATCH_ENDED.ceType());
    }

    private static List<String> pushStates(Map<String, Object> live) {
        return ((List<?>) live.get("destinations")).stream().map(d -> (Map<?, ?>) ((Map<?, ?>) d).get("push"))
                .map(push -> push == null ? "none" : String.valueOf(push.get("state"))).toList();
    }
}

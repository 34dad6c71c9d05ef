package io.fanout.publish;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.fanout.contracts.EventType;
import io.fanout.contracts.Topics;
import io.fanout.contracts.catalog.MatchCancelled;
import io.fanout.contracts.catalog.MatchDetails;
import io.fanout.contracts.catalog.MatchScheduled;
import io.fanout.contracts.catalog.MatchStatus;
import io.fanout.contracts.catalog.MatchUpdated;
import io.fanout.contracts.catalog.Participant;
import io.fanout.contracts.catalog.PlannedDestination;
import io.fanout.contracts.push.PushStopped;
import io.fanout.contracts.push.StopReason;
import io.fanout.contracts.stream.EndReason;
import io.fanout.contracts.stream.StreamCreated;
import io.fanout.contracts.stream.StreamEnded;
import io.fanout.contracts.stream.StreamStarted;
import io.fanout.local.Edge;
import io.fanout.local.Encoder;
import io.fanout.local.TokenKeys;
import io.fanout.testkit.EventPublisher;
import io.fanout.testkit.Probe;
import io.fanout.testkit.TopicRecorder;
import io.fanout.testkit.quarkus.KafkaResource;
import io.fanout.testkit.quarkus.PostgresResource;
import io.fanout.testkit.quarkus.TokenKeysResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Targets from a catalog match's destination plan ({@code catalog-events} on a real broker): a plan
 * that arrives before its stream is applied when the stream is known; a plan changed while the
 * stream is live starts and stops exactly the pushes it adds and drops (checked at a real nginx-rtmp
 * stand-in), leaves the others and the partner's own targets alone, ignores another partner's
 * destination, and a cancelled match loses its targets; a match that drops its stream and
 * destinations loses its targets whether the change comes in the poll of its plan or a later one;
 * plans and their streams arriving at the same moment on their two topics all become targets.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(TokenKeysResource.class)
@WithTestResource(EdgesResource.class)
class CatalogPlanTest extends PushEventsTestBase {

    private static final Duration DEADLINE = Duration.ofSeconds(40);
    private static final int STREAMS_AT_ONCE = 60;

    @Inject
    AgroalDataSource dataSource;
    private static TopicRecorder deadLetters;
    private static EventPublisher catalog;

    private final UUID partner = UUID.randomUUID();
    private final String token = TokenKeys.shared().partnerToken(partner);
    private final UUID stream = UUID.randomUUID();
    private final String match = "match-" + UUID.randomUUID();

    @BeforeAll
    static void connect() {
        deadLetters = TopicRecorder.of(Topics.deadLetter(Topics.CATALOG_EVENTS));
        catalog = EventPublisher.as("/fanout/catalog-service");
    }

    @AfterAll
    static void disconnect() {
        deadLetters.close();
        catalog.close();
    }

    @Test
    void aMatchPlanBecomesTargetsAndFollowsItsChangesWhileLive() {
        Edge networks = EdgesResource.networks();
        String first = PublishTestSupport.createDestination(token, "rtmp", networks.rtmpUrl("youtube"), "plan-1-" + stream);
        String second = PublishTestSupport.createDestination(token, "rtmp", networks.rtmpUrl("youtube"), "plan-2-" + stream);
        String third = PublishTestSupport.createDestination(token, "twitch", networks.rtmpUrl("twitch"), "plan-3-" + stream);
        String own = PublishTestSupport.createDestination(token, "rtmp", networks.rtmpUrl("youtube"), "own-" + stream);
        String foreign = PublishTestSupport.createDestination(TokenKeys.shared().partnerToken(UUID.randomUUID()), "rtmp",
                networks.rtmpUrl("youtube"), "foreign-" + stream);

        // The plan arrives before the stream is known here.
        catalog.send(new MatchScheduled(match, partner.toString(), 1, Instant.now(), details(first, second, foreign)));
        ingest.send(new StreamCreated(stream.toString(), partner.toString(), 1, Instant.now(), "Final", 60, false));
        await().atMost(DEADLINE).until(() -> targets().size() == 2);
        assertThat(targets()).extracting(t -> t.get("destinationId")).containsExactlyInAnyOrder(first, second);
        assertThat(targets()).allSatisfy(t -> assertThat(t.get("matchEventId")).isEqualTo(match));
        assertThat(PublishTestSupport.tryCreateTarget(token, stream, own)).isEqualTo(201);

        String source = EdgesResource.source().rtmpUrl(Edge.INGEST_APP, stream.toString());
        Encoder encoder = Encoder.to(source).size(320, 240).start();
        String session = UUID.randomUUID().toString();
        try {
            Probe.awaitMedia(source, DEADLINE, media -> media.isH264Aac(320, 240));
            ingest.send(new StreamStarted(stream.toString(), partner.toString(), 2, Instant.now(), session));
            Probe.awaitMedia(networks.rtmpUrl("youtube", "plan-1-" + stream), DEADLINE, media -> media.isH264Aac(320, 240));
            String secondTarget = targetOf(second);
            String ownTarget = targetOf(own);
            await().atMost(DEADLINE).until(() -> types(secondTarget).contains(EventType.PUSH_BROADCASTING.ceType())
                    && types(ownTarget).contains(EventType.PUSH_BROADCASTING.ceType()));
            int secondBefore = pushStatus.withKey(secondTarget).size();
            int ownBefore = pushStatus.withKey(ownTarget).size();
            String firstTarget = targetOf(first);

            catalog.send(new MatchUpdated(match, partner.toString(), 2, Instant.now(), details(second, third)));

            Probe.awaitMedia(networks.rtmpUrl("twitch", "plan-3-" + stream), DEADLINE, media -> media.isH264Aac(320, 240));
            Probe.awaitMedia(networks.rtmpUrl("youtube", "plan-1-" + stream), DEADLINE, media -> media.tracks().isEmpty());
            await().atMost(DEADLINE).until(() -> types(firstTarget).contains(EventType.PUSH_STOPPED.ceType()));
            List<TopicRecorder.Recorded> firstEvents = pushStatus.withKey(firstTarget);
            assertThat(((PushStopped) read(firstEvents.get(firstEvents.size() - 1))).reason())
                    .isEqualTo(StopReason.TARGET_REMOVED);
            assertThat(targets()).extracting(t -> t.get("destinationId")).containsExactlyInAnyOrder(second, third, own);
            assertThat(pushStatus.withKey(secondTarget)).as("a destination the plan kept is left alone").hasSize(secondBefore);
            assertThat(pushStatus.withKey(ownTarget)).as("the partner's own target is left alone").hasSize(ownBefore);

            // An older version arriving late changes nothing.
            catalog.send(new MatchUpdated(match, partner.toString(), 1, Instant.now(), details(first)));
            catalog.send(new MatchCancelled(match, partner.toString(), 3, Instant.now(), "rain"));
            await().atMost(DEADLINE).until(() -> targets().size() == 1);
            assertThat(targets()).extracting(t -> t.get("destinationId")).containsExactly(own);
            assertThat(Probe.probe(networks.rtmpUrl("youtube", "own-" + stream)).isH264Aac(320, 240)).isTrue();
        } finally {
            encoder.kill();
            ingest.send(new StreamEnded(stream.toString(), partner.toString(), 3, Instant.now(), session,
                    EndReason.COMPLETED));
        }
    }

    @Test
    void aPlanWithIdsThatAreNotIdsIsParkedOnTheDeadLetterTopicAndTheConsumerGoesOn() {
        String broken = "match-" + UUID.randomUUID();
        catalog.send(new MatchScheduled(broken, partner.toString(), 1, Instant.now(), new MatchDetails("tennis", "Open",
                null, "A v B", List.of(new Participant("A", "player"), new Participant("B", "player")), "Court 1",
                Instant.now(), null, MatchStatus.SCHEDULED, "not-a-uuid", List.of())));
        catalog.sendAs(Topics.CATALOG_EVENTS, broken, EventType.MATCH_SCHEDULED.ceType(),
                "{not json".getBytes(StandardCharsets.UTF_8));

        List<TopicRecorder.Recorded> parked = deadLetters.awaitRecords(broken, 2, DEADLINE);
        assertThat(parked.get(0).header("dead-letter-reason")).contains("not-a-uuid");

        String destination = PublishTestSupport.createDestination(token, "rtmp", "rtmp://127.0.0.1:1/app", "after");
        ingest.send(new StreamCreated(stream.toString(), partner.toString(), 1, Instant.now(), "After", 60, false));
        catalog.send(new MatchScheduled(match, partner.toString(), 1, Instant.now(), details(destination)));
        await().atMost(DEADLINE).until(() -> targets().size() == 1);
    }

    @Test
    void aMatchThatDropsItsStreamAndDestinationsLosesItsTargetsInTheSamePollOrALaterOne() throws SQLException {
        String first = PublishTestSupport.createDestination(token, "rtmp", "rtmp://127.0.0.1:1/app", "dropped-1-" + stream);
        String second = PublishTestSupport.createDestination(token, "rtmp", "rtmp://127.0.0.1:1/app", "dropped-2-" + stream);
        ingest.send(new StreamCreated(stream.toString(), partner.toString(), 1, Instant.now(), "Dropped", 60, false));

        // A later poll: the plan is kept here before the match drops it.
        catalog.send(new MatchScheduled(match, partner.toString(), 1, Instant.now(), details(first)));
        await().atMost(DEADLINE).until(() -> targets().size() == 1);
        catalog.send(new MatchUpdated(match, partner.toString(), 2, Instant.now(), unplanned()));
        await().atMost(DEADLINE).until(() -> planVersion(match) == 2);
        assertThat(targets()).isEmpty();

        // One poll (one producer batch): the plan and the match without one.
        String sameMatch = "match-" + UUID.randomUUID();
        try (EventPublisher lingering = EventPublisher.as("/fanout/catalog-service",
                Map.of(ProducerConfig.LINGER_MS_CONFIG, 200))) {
            lingering.sendTogether(new MatchScheduled(sameMatch, partner.toString(), 1, Instant.now(), details(second)),
                    new MatchUpdated(sameMatch, partner.toString(), 2, Instant.now(), unplanned()));
        }
        await().atMost(DEADLINE).until(() -> planVersion(sameMatch) == 2);
        assertThat(targets()).isEmpty();

        // A match that never had a plan keeps nothing here.
        String unplannedMatch = "match-" + UUID.randomUUID();
        catalog.send(new MatchScheduled(unplannedMatch, partner.toString(), 1, Instant.now(), unplanned()));
        catalog.send(new MatchScheduled(match, partner.toString(), 3, Instant.now(), details(first)));
        await().atMost(DEADLINE).until(() -> planVersion(match) == 3);
        assertThat(planVersion(unplannedMatch)).isZero();
    }

    @Test
    void plansAndTheirStreamsArrivingAtTheSameMomentAllBecomeTargets() {
        String destination = PublishTestSupport.createDestination(token, "rtmp", "rtmp://127.0.0.1:1/app", "same-moment");
        List<UUID> streams = Stream.generate(UUID::randomUUID).limit(STREAMS_AT_ONCE).toList();
        for (UUID each : streams) {
            catalog.send(new MatchScheduled("match-" + each, partner.toString(), 1, Instant.now(),
                    details(each, destination)));
            ingest.send(new StreamCreated(each.toString(), partner.toString(), 1, Instant.now(), "At once", 60, false));
        }
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(streams)
                .allSatisfy(each -> assertThat(targets(each)).as("targets of %s", each).hasSize(1)));
    }

    /** The version of the match's plan kept here, 0 for none. */
    private long planVersion(String eventId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT version FROM catalog_plan WHERE event_id = ?")) {
            s.setString(1, eventId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }

    /** The rugby match without stream or destination. */
    private static MatchDetails unplanned() {
        return new MatchDetails("rugby", "Six Nations", null, "France v Ireland",
                List.of(new Participant("France", "home"), new Participant("Ireland", "away")), "Stade de France",
                Instant.now().plusSeconds(3600), null, MatchStatus.SCHEDULED, null, List.of());
    }

    private MatchDetails details(String... destinations) {
        return CatalogPlanTest.details(stream, destinations);
    }

    /** A rugby match on {@code stream} planned onto {@code destinations}, titled "Six Nations: France v Ireland". */
    static MatchDetails details(UUID stream, String... destinations) {
        return new MatchDetails("rugby", "Six Nations", null, "France v Ireland",
                List.of(new Participant("France", "home"), new Participant("Ireland", "away")), "Stade de France",
                Instant.now().plusSeconds(3600), null, MatchStatus.SCHEDULED, stream.toString(),
                Stream.of(destinations).map(d -> new PlannedDestination(d, "{competition}: {participants}",
                        "Six Nations: France v Ireland")).toList());
    }

    private List<Map<String, Object>> targets() {
        return targets(stream);
    }

    /** The stream's targets; none while the stream is not known here yet (404). */
    private List<Map<String, Object>> targets(UUID streamId) {
        io.restassured.response.Response response = given().auth().oauth2(token).get("/v1/streams/{id}/targets", streamId);
        return response.statusCode() == 404 ? List.of() : response.then().statusCode(200).extract().path("$");
    }

    private String targetOf(String destination) {
        return targets().stream().filter(t -> destination.equals(t.get("destinationId"))).findFirst()
                .map(t -> (String) t.get("id")).orElseThrow();
    }

}

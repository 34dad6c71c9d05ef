package io.fanout.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fanout.contracts.CloudEvents;
import io.fanout.contracts.EventType;
import io.fanout.contracts.Json;
import io.fanout.contracts.Topics;
import io.fanout.local.Postgres;
import io.fanout.testkit.TopicRecorder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ingest-service killed with SIGKILL at random points while edge hooks write sessions, round after
 * round: every state change that was committed has exactly its event on {@code stream-lifecycle},
 * and no event exists for a change that was rolled back. The database is the truth (a caller whose
 * request died with the service cannot know whether it committed); the topic must match it.
 */
class OutboxCrashIT {

    private static final int ROUNDS = 8;
    private static final int STREAMS = 12;
    private static final int CALLERS = 4;
    private static LocalPlatform platform;
    private static TopicRecorder lifecycle;

    @BeforeAll
    static void startPlatform() {
        platform = SharedPlatform.get();
        lifecycle = TopicRecorder.of(platform.kafkaBootstrapServers(), List.of(Topics.STREAM_LIFECYCLE));
    }

    @AfterAll
    static void stopPlatform() {
        lifecycle.close();
    }

    @Test
    void everyCommittedChangeHasExactlyItsEventAcrossRepeatedCrashes() throws Exception {
        PartnerApi partner = PartnerApi.admin(platform).as(PartnerApi.admin(platform).createPartner("Crash Test League"));
        List<String> keys = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < STREAMS; i++) {
            Map<String, Object> stream = partner.createStream("Court " + i, 0);
            keys.add((String) stream.get("streamKey"));
            ids.add((String) stream.get("id"));
        }
        Random random = new Random();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        for (int round = 0; round < ROUNDS; round++) {
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger calls = new AtomicInteger();
            List<Thread> callers = new ArrayList<>();
            for (int c = 0; c < CALLERS; c++) {
                String client = round + "-" + c;
                Thread caller = new Thread(() -> publishAndLeave(http, keys, client, running, calls), "caller-" + client);
                caller.start();
                callers.add(caller);
            }
            // The kill lands after a random number of hook calls: somewhere inside some transaction.
            int killAfter = 10 + random.nextInt(150);
            await().atMost(Duration.ofSeconds(60)).until(() -> calls.get() >= killAfter);
            platform.kill(Service.INGEST);
            running.set(false);
            for (Thread caller : callers) {
                caller.join();
            }
            platform.restart(Service.INGEST);
        }

        Postgres.Database db = platform.database(Service.INGEST);
        // Sessions the last kill left live have no publisher at the edge (the callers only called
        // hooks): the restarted service's reconciliation ends them, which are changes of its own.
        // The database is read once they are made.
        await("the restarted service's reconciliation").atMost(Duration.ofSeconds(60))
                .until(() -> count(db, "SELECT count(*) FROM stream WHERE state IN ('LIVE', 'INTERRUPTED')") == 0);
        await("the outbox drained").atMost(Duration.ofSeconds(60))
                .until(() -> count(db, "SELECT count(*) FROM outbox WHERE published_at IS NULL") == 0);
        Map<String, Long> committed = sequences(db, ids);
        await("every committed change on the topic").atMost(Duration.ofSeconds(60))
                .until(() -> committed.entrySet().stream().allMatch(e -> maxSequence(e.getKey()) >= e.getValue()));

        long changes = 0;
        long redelivered = 0;
        for (Map.Entry<String, Long> stream : committed.entrySet()) {
            Map<Long, Set<String>> ceIdsBySequence = new HashMap<>();
            Map<Long, String> typeBySequence = new HashMap<>();
            List<TopicRecorder.Recorded> records = lifecycle.withKey(stream.getKey());
            for (TopicRecorder.Recorded record : records) {
                long sequence = sequence(record);
                ceIdsBySequence.computeIfAbsent(sequence, s -> new HashSet<>()).add(record.header(CloudEvents.ID));
                typeBySequence.put(sequence, EventType.ofCeType(record.header(CloudEvents.TYPE)).shortName());
            }
            redelivered += records.size() - ceIdsBySequence.size();
            assertThat(ceIdsBySequence.keySet()).as("stream %s: one event per committed change, none beyond",
                    stream.getKey()).isEqualTo(range(stream.getValue()));
            ceIdsBySequence.forEach((sequence, ceIds) -> assertThat(ceIds)
                    .as("stream %s sequence %d: one event, perhaps delivered twice", stream.getKey(), sequence).hasSize(1));
            for (long sequence = 2; sequence <= stream.getValue(); sequence++) {
                assertThat(typeBySequence.get(sequence)).as("stream %s sequence %d", stream.getKey(), sequence)
                        .isEqualTo(sequence % 2 == 0 ? "stream.started" : "stream.ended");
            }
            changes += stream.getValue() - 1;
        }
        Console.show(String.format("%d rounds of SIGKILL: %d committed changes, each with exactly its event; %d redelivered copies",
                ROUNDS, changes, redelivered));
        assertThat(changes).as("the test made changes worth checking").isGreaterThan(ROUNDS * 5L);
    }

    /** Takes random streams live and off again (window 0) until told to stop or the service is gone. */
    private static void publishAndLeave(HttpClient http, List<String> keys, String client, AtomicBoolean running,
            AtomicInteger calls) {
        Random random = new Random();
        int n = 0;
        while (running.get()) {
            String key = keys.get(random.nextInt(keys.size()));
            String clientId = client + "-" + n++;
            try {
                if (hook(http, "on_publish", key, clientId) == 302) {
                    calls.incrementAndGet();
                    hook(http, "on_publish_done", key, clientId);
                }
                calls.incrementAndGet();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static int hook(HttpClient http, String hook, String key, String clientId) throws IOException {
        String query = "app=live&addr=127.0.0.1&clientid=" + clientId + "&name=" + URLEncoder.encode(key, StandardCharsets.UTF_8);
        try {
            return http.send(HttpRequest.newBuilder(URI.create(platform.edgeHooksUrl() + "/" + hook + "?" + query))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static Map<String, Long> sequences(Postgres.Database db, Set<String> ids) throws SQLException {
        Map<String, Long> sequences = new HashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT id, sequence FROM stream")) {
            while (rows.next()) {
                if (ids.contains(rows.getString(1))) {
                    sequences.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        assertThat(sequences).hasSize(ids.size());
        return sequences;
    }

    private static long count(Postgres.Database db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long maxSequence(String streamId) {
        return lifecycle.withKey(streamId).stream().mapToLong(OutboxCrashIT::sequence).max().orElse(0);
    }

    private static long sequence(TopicRecorder.Recorded record) {
        try {
            JsonNode event = Json.mapper().readTree(record.value());
            return event.path("sequence").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<Long> range(long last) {
        Set<Long> all = new HashSet<>();
        for (long i = 1; i <= last; i++) {
            all.add(i);
        }
        return all;
    }
}

package io.fanout.platform.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.fanout.contracts.CloudEvents;
import io.fanout.contracts.Json;
import io.fanout.contracts.Topics;
import io.fanout.platform.LocalPlatform;
import io.fanout.platform.Service;
import io.fanout.testkit.TopicRecorder;
import io.fanout.testkit.TopicRecorder.Recorded;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every committed state change of every service with an outbox (ingest, publish, catalog) against
 * what its topics carry: each outbox row is on its topic (none missing), each record a service
 * produced is a row of its outbox (none that was rolled back), and no two different events share
 * one stream's lifecycle sequence or one match's version. Redelivered copies (the same
 * {@code ce_id} again) are at-least-once delivery, counted, not an error. transcode-service sends
 * its events without an outbox and is not audited here.
 */
final class EventAudit {

    /** What the audit found. {@code problems} is empty when every check holds. */
    record Result(int committed, int onTopics, int redelivered, List<String> problems) {
    }

    private record Row(String ceId, String topic, boolean published) {
    }

    private static final List<Service> AUDITED = List.of(Service.INGEST, Service.PUBLISH, Service.CATALOG);

    private EventAudit() {
    }

    /** The outbox rows still waiting to be relayed, over all audited services. */
    static int unpublished(LocalPlatform platform) {
        int waiting = 0;
        for (Service service : AUDITED) {
            waiting += (int) rows(platform, service).stream().filter(row -> !row.published()).count();
        }
        return waiting;
    }

    static Result audit(LocalPlatform platform, TopicRecorder events) {
        List<String> problems = new ArrayList<>();
        int committed = 0;
        int onTopics = 0;
        Map<String, Integer> copies = new HashMap<>();
        for (Recorded record : events.matching(r -> true)) {
            copies.merge(record.header(CloudEvents.ID), 1, Integer::sum);
        }
        for (Service service : AUDITED) {
            String source = "/fanout/" + service.module();
            Set<String> outbox = new HashSet<>();
            for (Row row : rows(platform, service)) {
                outbox.add(row.ceId());
                committed++;
                if (!copies.containsKey(row.ceId())) {
                    problems.add(service.module() + ": committed event " + row.ceId() + " is not on " + row.topic());
                }
            }
            for (Recorded record : events.matching(r -> source.equals(r.header(CloudEvents.SOURCE)))) {
                onTopics++;
                if (!outbox.contains(record.header(CloudEvents.ID))) {
                    problems.add(service.module() + ": " + record.header(CloudEvents.TYPE) + " " + record.header(CloudEvents.ID)
                            + " on " + record.topic() + " was never committed");
                }
            }
        }
        problems.addAll(oneEventPer(events, Topics.STREAM_LIFECYCLE, "sequence"));
        problems.addAll(oneEventPer(events, Topics.CATALOG_EVENTS, "version"));
        int redelivered = copies.values().stream().mapToInt(n -> n - 1).sum();
        return new Result(committed, onTopics, redelivered, problems);
    }

    /** Different events (different ce_ids) for one key and one value of {@code field}: a change made twice. */
    private static List<String> oneEventPer(TopicRecorder events, String topic, String field) {
        Map<String, String> idOf = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Recorded record : events.matching(r -> r.topic().equals(topic))) {
            JsonNode payload;
            try {
                payload = Json.mapper().readTree(record.value());
            } catch (IOException e) {
                problems.add(topic + ": unreadable record " + record.header(CloudEvents.ID));
                continue;
            }
            if (!payload.has(field)) {
                continue;
            }
            String slot = record.key() + "#" + payload.get(field).asLong();
            String previous = idOf.putIfAbsent(slot, record.header(CloudEvents.ID));
            if (previous != null && !previous.equals(record.header(CloudEvents.ID))) {
                problems.add(topic + ": two events for " + field + " " + slot + " (" + previous + ", "
                        + record.header(CloudEvents.ID) + ")");
            }
        }
        return problems;
    }

    private static List<Row> rows(LocalPlatform platform, Service service) {
        List<Row> rows = new ArrayList<>();
        try (Connection c = platform.database(service).connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT ce_id, topic, published_at IS NOT NULL FROM outbox")) {
            while (r.next()) {
                rows.add(new Row(r.getString(1), r.getString(2), r.getBoolean(3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + service.module() + "'s outbox: " + e.getMessage(), e);
        }
        return rows;
    }
}

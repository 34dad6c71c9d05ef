package io.fanout.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fanout.contracts.EventType;
import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.Golden;
import io.fanout.contracts.Json;
import io.fanout.contracts.Topics;
import io.fanout.testkit.ConsumerLag;
import io.fanout.testkit.EventPublisher;
import io.fanout.testkit.PoisonCorpus;
import io.fanout.testkit.PoisonCorpus.Poison;
import io.fanout.testkit.TopicRecorder;
import io.fanout.testkit.TopicRecorder.Recorded;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Poison on every topic a service consumes, with every service running: at least 50 records per
 * topic that no consumer may apply ({@link PoisonCorpus}: not an event, fields missing, null or of
 * the wrong type, CloudEvents headers missing or wrong, a null key, another aggregate's key), then one
 * valid event carrying a field a later release might add. Each poisoned record is parked on the
 * topic's dead-letter topic by every consumer group that reads the topic (as many copies at least as
 * there are groups, which the services' own configuration names), with a reason naming what is wrong
 * and its value kept; every
 * group then catches up, the valid event included, and parks nothing of it.
 */
class PoisonIT {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final String PROVIDER = "poison-proof-feeds";
    private static LocalPlatform platform;

    @BeforeAll
    static void startPlatform() {
        platform = SharedPlatform.get();
    }

    @Test
    void everyConsumerParksEveryPoisonWithItsReasonAndAppliesTheValidEventAfterThem() {
        PartnerApi.NewPartner created = PartnerApi.admin(platform).newPartner("Poison Proof");
        PartnerApi partner = PartnerApi.admin(platform).as(created.token());
        partner.authoriseFeed(PROVIDER);
        String partnerId = created.id();
        String fixtureTitle = "Poison-proof final " + UUID.randomUUID();
        Map<String, Set<String>> groups = ConsumerGroups.byTopic(Path.of(System.getProperty("fanout.root", "..")));
        assertThat(groups.keySet()).as("every consumed topic is an event topic").isSubsetOf(Topics.ALL);

        Map<String, List<Poison>> corpora = new LinkedHashMap<>();
        Map<String, Poison> valid = new LinkedHashMap<>();
        for (String topic : groups.keySet()) {
            EventType type = harmlessTypeOn(topic);
            Supplier<FanoutEvent> fresh = topic.equals(Topics.UPSTREAM_FIXTURES)
                    ? () -> fixture(partnerId, fixtureTitle) : () -> withFreshId(type);
            String source = topic.equals(Topics.UPSTREAM_FIXTURES) ? "/providers/" + PROVIDER : "/fanout/poison-test";
            List<Poison> corpus = PoisonCorpus.of(type, fresh, source);
            assertThat(corpus).as(topic).hasSizeGreaterThanOrEqualTo(50);
            corpora.put(topic, corpus);
            valid.put(topic, PoisonCorpus.validWithExtraField(fresh.get(), source));
        }

        List<String> deadLetterTopics = groups.keySet().stream().map(Topics::deadLetter).toList();
        try (TopicRecorder parked = TopicRecorder.of(platform.kafkaBootstrapServers(), deadLetterTopics);
                EventPublisher producer = EventPublisher.to(platform.kafkaBootstrapServers(), "/fanout/poison-test")) {
            corpora.forEach((topic, corpus) -> {
                corpus.forEach(poison -> producer.sendRaw(topic, poison.key(), poison.headers(), poison.value()));
                Poison after = valid.get(topic);
                producer.sendRaw(topic, after.key(), after.headers(), after.value());
            });

            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                List<String> missing = new ArrayList<>();
                corpora.forEach((topic, corpus) -> corpus.forEach(poison -> {
                    // At least once per group: a rebalance may have a group park a record again.
                    long copies = copies(parked, topic, poison.key()).size();
                    if (copies < groups.get(topic).size()) {
                        missing.add(topic + " / " + poison.name() + ": " + copies + " of " + groups.get(topic).size());
                    }
                }));
                assertThat(missing).as("poisons not parked once by every consumer group").isEmpty();
            });
            int checked = 0;
            for (Map.Entry<String, List<Poison>> entry : corpora.entrySet()) {
                String topic = entry.getKey();
                for (Poison poison : entry.getValue()) {
                    for (Recorded copy : copies(parked, topic, poison.key())) {
                        assertThat(copy.header("dead-letter-reason")).as(topic + " / " + poison.name())
                                .containsPattern("(?i)" + poison.reason());
                        assertThat(copy.value()).as(topic + " / " + poison.name() + ": the value is kept")
                                .isEqualTo(poison.value());
                        checked++;
                    }
                }
            }
            groups.forEach((topic, consumers) -> consumers.forEach(group -> ConsumerLag.awaitCaughtUp(
                    platform.kafkaBootstrapServers(), group, topic, DEADLINE)));
            valid.forEach((topic, event) -> assertThat(copies(parked, topic, event.key()))
                    .as(topic + ": the valid event after the poison is applied, not parked").isEmpty());
            assertThat(partner.findMatches(fixtureTitle)).as("the fixture after the poison made its match").hasSize(1);
            Console.show(String.format("poison: %d records on %d topics, %d parked copies checked; consumers per topic %s",
                    corpora.values().stream().mapToInt(List::size).sum(), corpora.size(), checked, groups));
        }
    }

    /** The parked copies of the record sent with {@code key} (null: the one record sent without a key). */
    private static List<Recorded> copies(TopicRecorder parked, String topic, String key) {
        String deadLetter = Topics.deadLetter(topic);
        return parked.matching(record -> record.topic().equals(deadLetter) && Objects.equals(record.key(), key));
    }

    /** A type on the topic whose application changes nothing anyone is watching (a fixture excepted). */
    private static EventType harmlessTypeOn(String topic) {
        return switch (topic) {
            case Topics.STREAM_LIFECYCLE -> EventType.STREAM_CREATED;
            case Topics.STREAM_HEALTH -> EventType.STREAM_HEALTH;
            case Topics.RENDITIONS -> EventType.LADDER_STOPPED;
            case Topics.PUSH_STATUS -> EventType.PUSH_STOPPED;
            case Topics.DESTINATIONS -> EventType.DESTINATION_CREATED;
            case Topics.CATALOG_EVENTS -> EventType.MATCH_CANCELLED;
            case Topics.UPSTREAM_FIXTURES -> EventType.FIXTURE_UPSERTED;
            case Topics.PARTNER_CREDENTIALS -> EventType.CREDENTIAL_REVOKED;
            default -> throw new AssertionError("no harmless event chosen for " + topic);
        };
    }

    /** The golden sample of {@code type} with a new aggregate id (wherever the sample used it). */
    private static FanoutEvent withFreshId(EventType type) {
        FanoutEvent golden = Golden.event(type);
        String json = Golden.json(type).replace(golden.aggregateId(), UUID.randomUUID().toString());
        return Json.read(type.ceType(), json.getBytes(StandardCharsets.UTF_8));
    }

    /** A fixture of the partner's authorised provider, with a new fixture id. */
    private static FanoutEvent fixture(String partnerId, String title) {
        try {
            ObjectNode fixture = (ObjectNode) Json.mapper().readTree(Golden.json(EventType.FIXTURE_UPSERTED));
            fixture.put("provider", PROVIDER).put("fixtureId", UUID.randomUUID().toString())
                    .put("partnerId", partnerId).put("title", title);
            return Json.read(EventType.FIXTURE_UPSERTED.ceType(), Json.mapper().writeValueAsBytes(fixture));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

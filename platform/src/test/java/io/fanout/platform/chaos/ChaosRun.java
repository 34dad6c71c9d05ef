package io.fanout.platform.chaos;

import io.fanout.contracts.Topics;
import io.fanout.platform.ConsumerGroups;
import io.fanout.platform.LocalPlatform;
import io.fanout.platform.Ports;
import io.fanout.testkit.ConsumerLag;
import io.fanout.testkit.TopicRecorder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The chaos run: Fanout as {@code ./fanout up} runs it (on a PostgreSQL cluster of its own), the
 * {@link ChaosScenario} on air, and one {@link Fault} at a time, the next 20 s after the previous
 * one began (or 15 s after it was over, if later), in an order the seed decides: every kind once in a
 * shuffled round, then the next round. After each fault it measures how long until everything is on
 * air again; after the last it checks what must hold: everything on air within 15 s, every part
 * running, every consumer caught up, nothing dead-lettered, every committed change on its topic and
 * nothing else ({@link EventAudit}), never two pushes for one destination or two ladders for one
 * stream at a sampled instant, and no process of the run left once it stopped.
 */
public final class ChaosRun {

    static final Duration BETWEEN_FAULTS = Duration.ofSeconds(20);
    /** What everything gets to be on air again after a fault is over, before the next one (and the bar after the last). */
    static final Duration RECOVERY = Duration.ofSeconds(15);
    static final Duration SETTLE = Duration.ofSeconds(120);

    /** How long to inject faults, and the seed of their order. */
    public record Options(Duration length, long seed) {
    }

    /** One injected fault: when, when it was over, and how long after that everything was on air (-1: not before the next fault). */
    public record Outcome(Fault fault, Instant injected, Instant over, long recoveredMillis) {
    }

    /** Everything a run measured and checked. */
    public record Report(Options options, List<Outcome> faults, long lastRecoveryMillis, List<String> offAirAtEnd,
            boolean allRunning, Map<String, Integer> mostPushesAtOnce, Map<String, Integer> mostLaddersAtOnce,
            int samples, List<String> consumersBehind, Map<String, Long> deadLettered, EventAudit.Result audit,
            List<Long> processesLeft) {

        /** How many records were parked on dead-letter topics. */
        public long deadLetteredCount() {
            return deadLettered.values().stream().mapToLong(Long::longValue).sum();
        }

        /** What does not hold (empty: the platform survived the run as it must). */
        public List<String> failures() {
            List<String> failures = new ArrayList<>();
            if (lastRecoveryMillis < 0 || lastRecoveryMillis > 15_000) {
                failures.add("not everything on air within 15 s of the last fault: " + offAirAtEnd);
            }
            if (!allRunning) {
                failures.add("not every part running at the end");
            }
            mostPushesAtOnce.forEach((key, most) -> {
                if (most > 1) {
                    failures.add(most + " pushes at once to " + key);
                }
            });
            mostLaddersAtOnce.forEach((stream, most) -> {
                if (most > 1) {
                    failures.add(most + " ladders at once for " + stream);
                }
            });
            if (!consumersBehind.isEmpty()) {
                failures.add("consumers behind: " + consumersBehind);
            }
            deadLettered.forEach((where, records) -> failures.add(records + " records dead-lettered on " + where));
            failures.addAll(audit.problems());
            if (!processesLeft.isEmpty()) {
                failures.add("processes left after stop: " + processesLeft);
            }
            return failures;
        }
    }

    private ChaosRun() {
    }

    /** Starts Fanout, runs the faults, checks, stops Fanout, and says what it found. */
    public static Report execute(Path root, Options options, Consumer<String> progress) {
        try (LocalPlatform platform = LocalPlatform.startWithOwnDatabaseServer(root, Ports.free(),
                step -> progress.accept(step))) {
            List<String> topics = new ArrayList<>(Topics.ALL);
            List<String> deadLetterTopics = Topics.ALL.stream().map(Topics::deadLetter).toList();
            try (TopicRecorder events = TopicRecorder.of(platform.kafkaBootstrapServers(), topics);
                    TopicRecorder deadLetters = TopicRecorder.of(platform.kafkaBootstrapServers(), deadLetterTopics);
                    ChaosScenario scenario = ChaosScenario.start(platform)) {
                progress.accept("on air: 2 streams, 6 destinations, 2 ladders, match " + scenario.matchId());
                List<Outcome> outcomes = injectFaults(platform, scenario, options, progress);
                long lastRecovery = outcomes.isEmpty() ? awaitOnAir(scenario, Instant.now(), RECOVERY)
                        : outcomes.get(outcomes.size() - 1).recoveredMillis();
                List<String> offAir = scenario.offAir();
                boolean allRunning = within(SETTLE, platform::allRunning);
                within(SETTLE, () -> EventAudit.unpublished(platform) == 0);
                List<String> behind = consumersBehind(root, platform);
                scenario.pushes().stop();
                scenario.ladders().stop();
                EventAudit.Result audit = EventAudit.audit(platform, events);
                Map<String, Integer> mostPushes = scenario.pushes().mostAtOnce();
                Map<String, Integer> mostLadders = scenario.ladders().mostAtOnce();
                int samples = scenario.pushes().samples();
                Map<String, Long> deadLettered = parked(deadLetters);
                List<Long> media = scenario.mediaProcesses();
                scenario.close();
                platform.close();
                List<Long> left = media.stream().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive)
                        .orElse(false)).toList();
                return new Report(options, outcomes, lastRecovery, offAir, allRunning, mostPushes, mostLadders, samples,
                        behind, deadLettered, audit, left);
            }
        }
    }

    /**
     * What the dead-letter topics hold, counted by topic and reason (each record once, however often
     * the recorder saw it): the report must say why, not only how many.
     */
    private static Map<String, Long> parked(TopicRecorder deadLetters) {
        Map<String, Long> parked = new TreeMap<>();
        deadLetters.matching(r -> true).stream()
                .collect(Collectors.toMap(r -> r.topic() + "/" + r.partition() + "/" + r.offset(), r -> r, (a, b) -> a))
                .values()
                .forEach(r -> parked.merge(r.topic() + " (" + r.header("dead-letter-reason") + ")", 1L, Long::sum));
        return parked;
    }

    private static List<Outcome> injectFaults(LocalPlatform platform, ChaosScenario scenario, Options options,
            Consumer<String> progress) {
        Random random = new Random(options.seed());
        List<Fault> round = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        Instant end = Instant.now().plus(options.length());
        while (Instant.now().isBefore(end)) {
            if (round.isEmpty()) {
                round.addAll(List.of(Fault.values()));
                Collections.shuffle(round, random);
            }
            Fault fault = round.remove(0);
            Instant injected = Instant.now();
            progress.accept("fault " + (outcomes.size() + 1) + ": " + fault.description());
            Instant over = fault.inject(platform, scenario, random);
            Instant next = later(injected.plus(BETWEEN_FAULTS), over.plus(RECOVERY));
            long recovered = awaitOnAir(scenario, over, Duration.between(Instant.now(), next));
            outcomes.add(new Outcome(fault, injected, over, recovered));
            progress.accept("  " + (recovered < 0 ? "not on air again " + RECOVERY.toSeconds() + " s after it was over: "
                    + scenario.offAir() : "on air again " + recovered + " ms after it was over"));
            if (!next.isBefore(end)) {
                break;
            }
            ChaosScenario.pause(Math.max(0, Duration.between(Instant.now(), next).toMillis()));
        }
        return outcomes;
    }

    /** Milliseconds from {@code since} until everything is on air, or -1 if not within {@code patience}. */
    private static long awaitOnAir(ChaosScenario scenario, Instant since, Duration patience) {
        if (!within(patience, Duration.ofMillis(100), scenario::onAir)) {
            return -1;
        }
        return Math.max(0, Duration.between(since, Instant.now()).toMillis());
    }

    private static List<String> consumersBehind(Path root, LocalPlatform platform) {
        List<String> behind = new ArrayList<>();
        Map<String, Set<String>> groups = new TreeMap<>(ConsumerGroups.byTopic(root));
        groups.forEach((topic, consumers) -> consumers.forEach(group -> {
            if (!within(SETTLE, () -> ConsumerLag.of(platform.kafkaBootstrapServers(), group, topic) == 0)) {
                behind.add(group + " on " + topic);
            }
        }));
        return behind;
    }

    private static boolean within(Duration patience, BooleanSupplier condition) {
        return within(patience, Duration.ofMillis(250), condition);
    }

    /** Whether {@code condition} holds, checked every {@code poll}, before {@code patience} runs out. */
    private static boolean within(Duration patience, Duration poll, BooleanSupplier condition) {
        if (patience.compareTo(poll) < 0) {
            return condition.getAsBoolean();
        }
        try {
            Awaitility.await().atMost(patience).pollDelay(Duration.ZERO).pollInterval(poll).until(condition::getAsBoolean);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}

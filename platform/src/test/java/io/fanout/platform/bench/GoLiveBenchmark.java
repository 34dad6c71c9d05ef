package io.fanout.platform.bench;

import static org.awaitility.Awaitility.await;

import io.fanout.contracts.CloudEvents;
import io.fanout.contracts.EventType;
import io.fanout.contracts.Json;
import io.fanout.contracts.Topics;
import io.fanout.contracts.stream.StreamStarted;
import io.fanout.local.Edge;
import io.fanout.platform.Console;
import io.fanout.platform.LocalPlatform;
import io.fanout.platform.PartnerApi;
import io.fanout.platform.Ports;
import io.fanout.testkit.TopicRecorder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Go-live latency of a simulcast to five destinations, as partners see it: a player already waits on
 * every destination, an encoder starts, and each player is timed to its first decoded video frame.
 * The platform runs as {@code ./fanout up} runs it (every service, so a ladder encodes beside the
 * pushes). Three kinds of trial alternate in one run:
 * <ul>
 * <li>the baseline: nginx-rtmp's static {@code push} directive relaying to the five destinations;</li>
 * <li>Fanout, one stream that goes live again and again (reconnect window 0, the same destinations);</li>
 * <li>Fanout, a fresh stream with fresh destinations each time.</li>
 * </ul>
 * For Fanout each hop is timed from real timestamps: the hook's decision ({@code stream.started}'s
 * time), the outbox relay (its Kafka record's timestamp), publish-service's plan (the session's
 * first {@code push.starting}), the first publisher at a destination (nginx {@code /stat} every 10
 * ms) and the first decoded frame. The results replace the go-live section of
 * publish-service/README.md. Run with {@code ./fanout bench go-live}.
 */
public final class GoLiveBenchmark {

    private static final int DESTINATIONS = 5;
    private static final int TRIALS = 6;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** A Fanout stream under test: its id, publish URL, targets and the destination path of each. */
    private record Subject(String streamId, String publishUrl, List<String> targetIds, List<String> paths) {
    }

    /**
     * The hops of one Fanout go-live, in milliseconds after the encoder's start, and how many of its
     * pushes were armed ones that the session claimed (publish-service's log says so for each).
     */
    record Hops(long hook, long relayed, long planned, long firstBytes, long lastFirstBytes, long slowestFrame,
            int pushes, int claimed) {
    }

    private GoLiveBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        say("starting the whole platform as ./fanout up does, and two nginx-rtmp for the baseline and the destinations");
        Edge.Builder destinationsBuilder = Edge.builder();
        IntStream.rangeClosed(1, DESTINATIONS).forEach(i -> destinationsBuilder.application("d" + i).application("b" + i));
        Edge destinations = destinationsBuilder.start();
        Edge relay = Edge.builder().pushingApplication("relay", IntStream.rangeClosed(1, DESTINATIONS)
                .mapToObj(i -> destinations.rtmpUrl("b" + i)).toList()).start();
        try (LocalPlatform platform = LocalPlatform.start(root, Ports.free(), GoLiveBenchmark::say);
                TopicRecorder events = TopicRecorder.of(platform.kafkaBootstrapServers(),
                        List.of(Topics.STREAM_LIFECYCLE, Topics.PUSH_STATUS))) {
            PartnerApi partner = PartnerApi.admin(platform).as(PartnerApi.admin(platform).createPartner("Go-live"));
            Subject again = subject(partner, destinations, "again");
            List<Double> baseline = new ArrayList<>();
            List<GoLiveTrial.Timings> repeated = new ArrayList<>();
            List<GoLiveTrial.Timings> fresh = new ArrayList<>();
            List<Hops> repeatedHops = new ArrayList<>();
            List<Hops> freshHops = new ArrayList<>();
            for (int trial = 0; trial <= TRIALS; trial++) {
                String name = "b" + trial + "-" + UUID.randomUUID().toString().substring(0, 6);
                double base = GoLiveTrial.run(destinations, IntStream.rangeClosed(1, DESTINATIONS)
                        .mapToObj(i -> "b" + i + "/" + name).toList(), relay.rtmpUrl("relay", name)).slowestSeconds();
                GoLiveTrial.Timings once = fanoutTrial(partner, destinations, again);
                Subject fresher = subject(partner, destinations, "f" + trial);
                GoLiveTrial.Timings first = fanoutTrial(partner, destinations, fresher);
                say(String.format(Locale.ROOT, "trial %d: nginx push %.2f s, Fanout again %.2f s, Fanout fresh %.2f s%s",
                        trial, base, once.slowestSeconds(), first.slowestSeconds(), trial == 0 ? " (warm-up)" : ""));
                // The first trial of each kind warms the JVMs and caches up: it is not counted.
                if (trial > 0) {
                    baseline.add(base);
                    repeated.add(once);
                    fresh.add(first);
                    Path publishLog = platform.logDirectory().resolve("publish-service.log");
                    repeatedHops.add(hops(events, publishLog, again, once));
                    freshHops.add(hops(events, publishLog, fresher, first));
                }
            }
            ReadmeSection.publish(root.resolve("publish-service/README.md"), "go-live-benchmark",
                    "Benchmark: go-live latency", GoLiveReport.render(LocalDate.now(), Machine.describe(), DESTINATIONS,
                            platform.prometheus() != null, baseline, repeated, fresh, repeatedHops, freshHops));
        } finally {
            relay.stop();
            destinations.stop();
        }
    }

    /** A stream with reconnect window 0 and a target on each of five fresh destinations. */
    private static Subject subject(PartnerApi partner, Edge destinations, String label) {
        Map<String, Object> stream = partner.createStream("Go-live " + label + " " + UUID.randomUUID(), 0);
        String streamId = (String) stream.get("id");
        List<String> targets = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (int i = 1; i <= DESTINATIONS; i++) {
            String key = label + "-" + streamId.substring(0, 8) + "-d" + i;
            String destination = partner.createDestination("d" + i + " " + label, "rtmp", destinations.rtmpUrl("d" + i), key);
            targets.add(partner.addTarget(streamId, destination, PATIENCE));
            paths.add("d" + i + "/" + key);
        }
        return new Subject(streamId, (String) stream.get("publishUrl"), targets, paths);
    }

    /** One session of the subject's stream, timed; returns once the stream has ended again. */
    private static GoLiveTrial.Timings fanoutTrial(PartnerApi partner, Edge destinations, Subject subject)
            throws Exception {
        GoLiveTrial.Timings timings = GoLiveTrial.run(destinations, subject.paths(), subject.publishUrl());
        await("stream " + subject.streamId() + " ended").atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> "ENDED".equals(partner.stream(subject.streamId()).get("state")));
        return timings;
    }

    /** The hops of the session that started with the trial's encoder, read back from Kafka. */
    private static Hops hops(TopicRecorder events, Path publishLog, Subject subject, GoLiveTrial.Timings timings)
            throws IOException {
        long t0 = timings.encoderStarted();
        TopicRecorder.Recorded started = await("stream.started of " + subject.streamId()).atMost(PATIENCE)
                .until(() -> events.withKey(subject.streamId()).stream()
                        .filter(r -> EventType.STREAM_STARTED.ceType().equals(r.header(CloudEvents.TYPE)))
                        .filter(r -> time(r) >= t0).findFirst().orElse(null), r -> r != null);
        long planned = await("push.starting of " + subject.streamId()).atMost(PATIENCE)
                .until(() -> earliest(events, subject.targetIds(), EventType.PUSH_STARTING, t0), OptionalLong::isPresent)
                .getAsLong();
        String session = ((StreamStarted) Json.read(started.header(CloudEvents.TYPE), started.value())).sessionId();
        int claimed;
        try (Stream<String> lines = Files.lines(publishLog)) {
            claimed = (int) lines.filter(line -> line.contains("(session " + session + "): claimed the armed push")).count();
        }
        return new Hops(time(started) - t0, started.timestamp() - t0, planned - t0, timings.earliestFirstBytes() - t0,
                timings.latestFirstBytes() - t0, Math.round(timings.slowestSeconds() * 1000), subject.targetIds().size(),
                claimed);
    }

    private static OptionalLong earliest(TopicRecorder events, List<String> targets, EventType type, long after) {
        return targets.stream().flatMap(target -> events.withKey(target).stream())
                .filter(r -> type.ceType().equals(r.header(CloudEvents.TYPE))).mapToLong(GoLiveBenchmark::time)
                .filter(at -> at >= after).min();
    }

    private static long time(TopicRecorder.Recorded record) {
        return Instant.parse(record.header(CloudEvents.TIME)).toEpochMilli();
    }

    private static void say(String step) {
        Console.step(step);
    }
}

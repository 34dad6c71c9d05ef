package io.fanout.platform.bench;

import io.fanout.platform.Console;
import io.fanout.platform.LocalPlatform;
import io.fanout.platform.PartnerApi;
import io.fanout.platform.Ports;
import io.fanout.platform.Service;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * How fast ingest-service authorises publishes: the edge's {@code on_publish} against the real
 * service and PostgreSQL (and Kafka behind the outbox), 50 concurrent callers, each on its own
 * keep-alive connection as the edge keeps one. Measured side by side in one run:
 * <ul>
 * <li>a baseline: the same hook URL with a wrong secret, answered before any database work (the
 * HTTP path and the machine alone) at the target rate;</li>
 * <li>the target: 500 authorisations/s, open loop (each call is timed from when it was due, so a
 * stalled service is not hidden), every call a real acceptance of an idle stream that goes live;</li>
 * <li>the capacity: as many authorisations as the callers get answered;</li>
 * <li>full cycles: {@code on_publish} then {@code on_publish_done} on the same streams, as fast as
 * answered (only {@code on_publish} timed).</li>
 * </ul>
 * The whole platform runs, as {@code ./fanout up} runs it: every go-live is consumed by
 * transcode-, publish- and catalog-service. The streams have no ladder (their publishers never reach
 * the edge, so there is no media to encode) and reconciliation with the edge is paused for the run
 * (it would otherwise end their sessions mid-measurement). The results replace the benchmark section
 * of ingest-service/README.md.
 *
 * <p>Run with {@code ./fanout bench on-publish}. The callers run on the same machine as the whole
 * platform, started as {@code ./fanout up} starts it.
 */
public final class OnPublishBenchmark {

    private static final int CALLERS = 50;
    private static final int STREAMS_PER_CALLER = 4;
    /** Idle streams per caller for the authorisation phases: each is authorised once. */
    private static final int FRESH_PER_CALLER = 500;
    private static final int TARGET_RATE = 500;
    private static final Duration WARMUP = Duration.ofSeconds(15);
    private static final Duration PHASE = Duration.ofSeconds(20);

    private final ThreadLocal<KeepAliveClient> connection = new ThreadLocal<>();
    private final String hooks;
    private final List<List<String>> keys;
    private final List<List<String>> fresh;

    private OnPublishBenchmark(String hooks, List<List<String>> keys, List<List<String>> fresh) {
        this.hooks = hooks;
        this.keys = keys;
        this.fresh = fresh;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        say("starting Fanout");
        try (LocalPlatform platform = LocalPlatform.start(root, Ports.free(), OnPublishBenchmark::say,
                EnumSet.allOf(Service.class), withRaisedRateLimit(Map.of("FANOUT_INGEST_EDGE_POLL_INTERVAL", "1h")))) {
            PartnerApi partner = PartnerApi.admin(platform).as(PartnerApi.admin(platform).createPartner("Benchmark"));
            say("creating " + CALLERS * (STREAMS_PER_CALLER + FRESH_PER_CALLER * 3 / 2) + " streams");
            List<List<String>> keys = createStreams(partner, STREAMS_PER_CALLER);
            OnPublishBenchmark warm = new OnPublishBenchmark(platform.edgeHooksUrl(), keys, createStreams(partner,
                    FRESH_PER_CALLER / 2));
            OnPublishBenchmark measured = new OnPublishBenchmark(platform.edgeHooksUrl(), keys, createStreams(partner,
                    FRESH_PER_CALLER));
            String wrongSecret = platform.serviceUrl(Service.INGEST) + "/internal/edge/not-the-secret";

            say("warming up for " + WARMUP.toSeconds() + " s");
            warm.cycles("warm-up", WARMUP);
            warm.authorisations("warm-up", WARMUP);
            List<Callers.Result> results = new ArrayList<>();
            results.add(measured.openLoop("baseline: same URL, wrong secret (no database)", wrongSecret, PHASE));
            results.add(measured.openLoop("on_publish accepted", measured.hooks, PHASE));
            results.add(measured.authorisations("on_publish accepted, as fast as answered", PHASE));
            results.add(measured.cycles("on_publish, each followed by on_publish_done, as fast as answered", PHASE));
            String section = report(results);
            ReadmeSection.publish(root.resolve("ingest-service/README.md"), "on-publish-benchmark",
                    "Benchmark: `on_publish`", section);
        }
    }

    /** The streams are made through one partner's API, tens of thousands of calls: not what is measured. */
    private static Map<String, String> withRaisedRateLimit(Map<String, String> environment) {
        Map<String, String> all = new HashMap<>(environment);
        all.putAll(PartnerRateLimit.raised());
        return all;
    }

    private static void say(String step) {
        Console.step(step);
    }

    /** {@link #TARGET_RATE} calls per second spread over the callers, each due at a fixed time. */
    private Callers.Result openLoop(String name, String base, Duration length) throws InterruptedException {
        long interval = 1_000_000_000L * CALLERS / TARGET_RATE;
        long start = System.nanoTime() + 100_000_000L;
        long end = start + length.toNanos();
        return run(name, length, caller -> {
            List<Long> micros = new ArrayList<>();
            long failures = 0;
            int n = 0;
            for (long due = start + caller * interval / CALLERS; due < end; due += interval) {
                LockSupport.parkNanos(due - System.nanoTime());
                // The baseline is refused before any lookup: any key will do, and idle ones are kept.
                String key = base.equals(hooks) ? next(caller) : keys.get(caller).get(0);
                int status = call(base, "on_publish", key, caller + "-" + n++);
                micros.add((System.nanoTime() - due) / 1000);
                failures += expected(base, status) ? 0 : 1;
            }
            return Callers.Measured.of(micros, failures);
        });
    }

    /** Each caller authorises its next idle stream as soon as it has its answer, until time or streams run out. */
    private Callers.Result authorisations(String name, Duration length) throws InterruptedException {
        long end = System.nanoTime() + length.toNanos();
        return run(name, length, caller -> {
            List<Long> micros = new ArrayList<>();
            long failures = 0;
            int n = 0;
            while (System.nanoTime() < end && !fresh.get(caller).isEmpty()) {
                long sent = System.nanoTime();
                int status = call(hooks, "on_publish", next(caller), caller + "-a" + n++);
                micros.add((System.nanoTime() - sent) / 1000);
                failures += status == 302 ? 0 : 1;
            }
            return Callers.Measured.of(micros, failures);
        });
    }

    /** The caller's next idle stream, never used before (each is authorised once). */
    private String next(int caller) {
        List<String> own = fresh.get(caller);
        if (own.isEmpty()) {
            throw new IllegalStateException("caller " + caller + " ran out of idle streams");
        }
        return own.remove(own.size() - 1);
    }

    /** Every caller publishes and ends its own few streams in turn, calling again as soon as answered. */
    private Callers.Result cycles(String name, Duration length) throws InterruptedException {
        long end = System.nanoTime() + length.toNanos();
        return run(name, length, caller -> {
            List<Long> micros = new ArrayList<>();
            long failures = 0;
            int n = 0;
            while (System.nanoTime() < end) {
                String key = keys.get(caller).get(n++ % STREAMS_PER_CALLER);
                long sent = System.nanoTime();
                int status = call(hooks, "on_publish", key, caller + "-" + n);
                micros.add((System.nanoTime() - sent) / 1000);
                failures += status == 302 ? 0 : 1;
                if (status == 302) {
                    call(hooks, "on_publish_done", key, caller + "-" + n);
                }
            }
            return Callers.Measured.of(micros, failures);
        });
    }

    /** {@code perCaller} streams for each caller, made by one thread per caller; any refusal fails the benchmark. */
    private static List<List<String>> createStreams(PartnerApi partner, int perCaller) throws InterruptedException {
        List<List<String>> keys = new ArrayList<>();
        List<Thread> creators = new ArrayList<>();
        List<RuntimeException> refused = Collections.synchronizedList(new ArrayList<>());
        for (int c = 0; c < CALLERS; c++) {
            List<String> own = Collections.synchronizedList(new ArrayList<>());
            keys.add(own);
            int caller = c;
            Thread creator = new Thread(() -> {
                try {
                    for (int s = 0; s < perCaller; s++) {
                        own.add((String) partner.createStream("bench " + caller + "/" + s, 0, "NONE").get("streamKey"));
                    }
                } catch (RuntimeException e) {
                    refused.add(e);
                }
            });
            creator.start();
            creators.add(creator);
        }
        for (Thread creator : creators) {
            creator.join();
        }
        if (!refused.isEmpty()) {
            throw new IllegalStateException("could not make the benchmark's streams", refused.get(0));
        }
        return keys;
    }

    /** Runs the callers' work, each caller's connection closed when it is done. */
    private Callers.Result run(String name, Duration length, Callers.Caller work) throws InterruptedException {
        return Callers.run(name, CALLERS, caller -> {
            try {
                return work.run(caller);
            } finally {
                if (connection.get() != null) {
                    connection.get().close();
                }
            }
        });
    }

    private static boolean expected(String base, int status) {
        // The baseline's wrong secret is a 404; the idle streams' publishes are accepted.
        return base.endsWith("not-the-secret") ? status == 404 : status == 302;
    }

    /** One call on the caller thread's own keep-alive connection (as the edge keeps its own). */
    private int call(String base, String hook, String key, String clientId) {
        URI uri = URI.create(base + "/" + hook + "?call=" + hook.substring(3) + "&app=live&addr=127.0.0.1&clientid="
                + clientId + "&name=" + URLEncoder.encode(key, StandardCharsets.UTF_8));
        KeepAliveClient client = connection.get();
        if (client == null) {
            client = new KeepAliveClient(uri);
            connection.set(client);
        }
        return client.get(uri.getRawPath() + "?" + uri.getRawQuery());
    }

    private static String report(List<Callers.Result> results) {
        StringBuilder out = new StringBuilder();
        out.append("Measured ").append(LocalDate.now()).append(" on ").append(Machine.describe())
                .append(" by `./fanout bench on-publish`, on the whole platform as `./fanout up` runs it (every go-live ")
                .append("consumed by the other services), ").append(CALLERS).append(" concurrent callers on the same ")
                .append("machine (").append(PHASE.toSeconds())
                .append(" s per row after a ").append(WARMUP.toSeconds()).append(" s warm-up; open-loop rows send ")
                .append(TARGET_RATE).append(" calls/s and time each call from when it was due; ").append(PartnerRateLimit.note())
                .append(", since its streams are made through one partner's API):\n\n");
        out.append("| calls | rate | p50 | p99 | p99.9 | max | failed |\n|---|---|---|---|---|---|---|\n");
        for (Callers.Result result : results) {
            out.append(result.row()).append('\n');
        }
        return out.toString();
    }
}

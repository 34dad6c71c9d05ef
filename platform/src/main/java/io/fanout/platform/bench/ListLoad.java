package io.fanout.platform.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Concurrent callers of one service, each on its own keep-alive connection, calling again as soon
 * as answered, for a fixed time: the rate they get and the latency of each call.
 */
final class ListLoad {

    /** One request of a caller: the path and query, and the token it carries (null: none). */
    record Call(String pathAndQuery, String token) {
    }

    /** Rate and latencies of one phase. */
    record Result(String name, double perSecond, long calls, long failures, long[] micros) {

        double percentile(double p) {
            return micros.length == 0 ? Double.NaN
                    : micros[Math.min(micros.length - 1, (int) Math.ceil(p / 100 * micros.length) - 1)] / 1000.0;
        }

        String row() {
            return String.format(Locale.ROOT, "| %s | %,.0f/s | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %d of %,d |", name,
                    perSecond, percentile(50), percentile(99), percentile(99.9), percentile(100), failures, calls);
        }
    }

    private ListLoad() {
    }

    /** {@code callers} callers for {@code length}; caller {@code c}'s {@code n}-th call is {@code calls.apply(...)}. */
    static Result run(String name, URI service, int callers, Duration length, IntFunction<Call> calls)
            throws InterruptedException {
        List<long[]> latencies = new ArrayList<>();
        AtomicLong failures = new AtomicLong();
        AtomicLong sequence = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long end = System.nanoTime() + length.toNanos();
        long started = System.nanoTime();
        for (int c = 0; c < callers; c++) {
            Thread thread = new Thread(() -> {
                List<Long> micros = new ArrayList<>();
                long failed = 0;
                try (KeepAliveClient client = new KeepAliveClient(service)) {
                    while (System.nanoTime() < end) {
                        Call call = calls.apply((int) sequence.getAndIncrement());
                        long sent = System.nanoTime();
                        int status = client.get(call.pathAndQuery(), call.token() == null ? null : "Bearer " + call.token());
                        micros.add((System.nanoTime() - sent) / 1000);
                        failed += status == 200 ? 0 : 1;
                    }
                }
                synchronized (latencies) {
                    latencies.add(micros.stream().mapToLong(Long::longValue).toArray());
                }
                failures.addAndGet(failed);
            }, "caller-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        Result result = new Result(name, all.length / seconds, all.length, failures.get(), all);
        System.out.println(result.row());
        return result;
    }
}

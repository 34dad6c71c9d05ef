package io.fanout.platform.bench;

import io.fanout.platform.Console;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Concurrent callers of a benchmark, one thread each, and what they measured together: the rate of
 * calls answered and the latency percentiles. Every benchmark that loads a service runs its callers
 * here, so their rows read the same.
 */
final class Callers {

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

    /** What one caller measured: each call's latency in microseconds, and how many failed. */
    record Measured(long[] micros, long failures) {

        static Measured of(List<Long> micros, long failures) {
            return new Measured(micros.stream().mapToLong(Long::longValue).toArray(), failures);
        }
    }

    /** The work of caller number {@code caller}. */
    interface Caller {
        Measured run(int caller);
    }

    private Callers() {
    }

    /**
     * Runs {@code callers} callers to the end of their work; prints and returns the phase's row. A
     * caller that breaks off fails the phase: a row of the others alone would claim what was not measured.
     */
    static Result run(String name, int callers, Caller work) throws InterruptedException {
        List<long[]> latencies = new ArrayList<>();
        AtomicLong failures = new AtomicLong();
        List<RuntimeException> broken = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < callers; c++) {
            int caller = c;
            Thread thread = new Thread(() -> {
                try {
                    Measured measured = work.run(caller);
                    synchronized (latencies) {
                        latencies.add(measured.micros());
                    }
                    failures.addAndGet(measured.failures());
                } catch (RuntimeException e) {
                    broken.add(e);
                }
            }, "caller-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!broken.isEmpty()) {
            throw new IllegalStateException(broken.size() + " of " + callers + " callers of \"" + name + "\" broke off",
                    broken.get(0));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        Result result = new Result(name, all.length / seconds, all.length, failures.get(), all);
        Console.show(result.row());
        return result;
    }
}

package io.fanout.platform.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Callers of one service, each on its own keep-alive connection, calling again as soon as answered,
 * for a fixed time ({@link Callers}); a call counts as failed unless it is answered 200.
 */
final class ListLoad {

    /** One request of a caller: the path and query, and the token it carries (null: none). */
    record Call(String pathAndQuery, String token) {
    }

    private ListLoad() {
    }

    /** {@code callers} callers for {@code length}; the {@code n}-th call of the phase is {@code calls.apply(n)}. */
    static Callers.Result run(String name, URI service, int callers, Duration length, IntFunction<Call> calls)
            throws InterruptedException {
        AtomicLong sequence = new AtomicLong();
        long end = System.nanoTime() + length.toNanos();
        return Callers.run(name, callers, caller -> {
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
            return Callers.Measured.of(micros, failed);
        });
    }
}

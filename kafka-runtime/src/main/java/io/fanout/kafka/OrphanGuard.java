package io.fanout.kafka;

import java.util.Arrays;
import java.util.Optional;

/**
 * Entry point of a child JVM that must not outlive the process that started it. It halts the JVM
 * as soon as the parent is gone (crashed or killed with SIGKILL, when no shutdown hook of the
 * parent could run), then hands over to the real main class.
 *
 * <p>Usage: {@code java -cp ... io.fanout.kafka.OrphanGuard <parent pid> <main class> [args...]}.
 */
public final class OrphanGuard {

    private OrphanGuard() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: OrphanGuard <parent pid> <main class> [args...]");
        }
        Optional<ProcessHandle> parent = ProcessHandle.of(Long.parseLong(args[0]));
        if (parent.isEmpty()) {
            Runtime.getRuntime().halt(137);
        }
        parent.get().onExit().thenRun(() -> Runtime.getRuntime().halt(137));
        Class.forName(args[1])
                .getMethod("main", String[].class)
                .invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }
}

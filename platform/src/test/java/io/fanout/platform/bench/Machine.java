package io.fanout.platform.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The machine a benchmark ran on, in one line: CPU model, cores, memory, OS. */
public final class Machine {

    private Machine() {
    }

    public static String describe() {
        String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch"));
        long memKb = firstValue(Path.of("/proc/meminfo"), "MemTotal").map(v -> Long.parseLong(v.replaceAll("\\D", "")))
                .orElse(0L);
        return String.format(Locale.ROOT, "%s, %d cores, %.0f GiB, %s %s", cpu,
                Runtime.getRuntime().availableProcessors(), memKb / 1024.0 / 1024.0, System.getProperty("os.name"),
                System.getProperty("os.version"));
    }

    private static Optional<String> firstValue(Path file, String field) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(field)).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

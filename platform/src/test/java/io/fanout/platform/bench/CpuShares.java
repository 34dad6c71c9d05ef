package io.fanout.platform.bench;

import io.fanout.platform.Service;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Where the machine's CPU went over a window, by part of the platform: each part is named by a test
 * on a process's command line ({@code /proc/<pid>/cmdline}, which for a PostgreSQL backend names its
 * database), the first part whose test matches takes the process, and what no part takes is
 * "everything else". A process that ended inside the window is missed (its time then counts as
 * everything else, from the machine's total).
 */
final class CpuShares {

    /** A part of the platform and how to know its processes. */
    record Part(String name, Predicate<String> commandLine) {

        /** The JVMs of these services, as the local platform runs them (from their module's build). */
        static Part services(String name, Service... services) {
            return new Part(name, c -> Stream.of(services).anyMatch(s -> c.contains(s.module() + "/target/quarkus-app")));
        }

        /** The PostgreSQL backends serving the service's own database (its name is in their command line). */
        static Part database(String name, Service service) {
            return new Part(name, c -> c.startsWith("postgres: ") && c.contains(" " + service.database() + "_"));
        }

        /** The rest of PostgreSQL: its server and the backends no earlier part took. */
        static Part postgres(String name) {
            return new Part(name, c -> c.startsWith("postgres") || c.startsWith("/usr/lib/postgresql/"));
        }

        /** This JVM (the benchmark: its load generators and producers). */
        static Part thisJvm(String name) {
            String self = CpuShares.commandLine(ProcessHandle.current().pid());
            return new Part(name, self::equals);
        }
    }

    private final List<Part> parts;
    private final Map<Long, Long> startTicks;
    private final long[] startMachine;
    private final long startNanos;

    private CpuShares(List<Part> parts) {
        this.parts = parts;
        this.startTicks = ticksByProcess();
        this.startMachine = ProcFs.machineTicks();
        this.startNanos = System.nanoTime();
    }

    /** Starts the window now. */
    static CpuShares start(List<Part> parts) {
        return new CpuShares(parts);
    }

    /**
     * Ends the window: cores each part used on average (CPU seconds per wall second), in the parts'
     * order, then "everything else" and "the machine" (all of it together).
     */
    Map<String, Double> end() {
        double wall = (System.nanoTime() - startNanos) / 1e9;
        Map<Long, Long> endTicks = ticksByProcess();
        Map<String, Double> cores = new LinkedHashMap<>();
        parts.forEach(part -> cores.put(part.name(), 0.0));
        double named = 0;
        for (Map.Entry<Long, Long> process : endTicks.entrySet()) {
            String commandLine = commandLine(process.getKey());
            for (Part part : parts) {
                if (part.commandLine().test(commandLine)) {
                    double used = (process.getValue() - startTicks.getOrDefault(process.getKey(), 0L))
                            / ProcFs.TICKS_PER_SECOND / wall;
                    cores.merge(part.name(), used, Double::sum);
                    named += used;
                    break;
                }
            }
        }
        long[] machine = ProcFs.machineTicks();
        double busy = (machine[0] - startMachine[0]) / ProcFs.TICKS_PER_SECOND / wall;
        cores.put("everything else", Math.max(0, busy - named));
        cores.put("the machine", busy);
        return cores;
    }

    /** The shares as one line: "catalog-service 0.85, PostgreSQL 0.52, ... of 2 cores". */
    static String line(Map<String, Double> cores) {
        StringBuilder out = new StringBuilder();
        cores.forEach((name, used) -> {
            if (!name.equals("the machine")) {
                out.append(out.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %.2f", name, used));
            }
        });
        return out + String.format(Locale.ROOT, " (the machine %.2f of %d cores)", cores.get("the machine"),
                Runtime.getRuntime().availableProcessors());
    }

    private static Map<Long, Long> ticksByProcess() {
        Map<Long, Long> ticks = new LinkedHashMap<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString()
                .chars().allMatch(Character::isDigit))) {
            for (Path process : proc) {
                long pid = Long.parseLong(process.getFileName().toString());
                ProcFs.cpuTicks(pid).ifPresent(t -> ticks.put(pid, t));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return ticks;
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }
}

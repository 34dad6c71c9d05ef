package io.fanout.platform.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * What Linux's {@code /proc} says about CPU time and memory: a process's CPU time (user + system,
 * in clock ticks), its resident and private memory, and the whole machine's busy and total ticks.
 */
final class ProcFs {

    /** Clock ticks per second of {@code /proc}'s CPU times ({@code getconf CLK_TCK}; 100 on Linux). */
    static final double TICKS_PER_SECOND = ticksPerSecond();

    private ProcFs() {
    }

    /** The process's CPU time so far in ticks, empty when it is gone. */
    static OptionalLong cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name (which may hold spaces) in parentheses; utime and stime
            // are fields 14 and 15 of the whole line, 12 and 13 after ") ".
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return OptionalLong.of(Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The process's resident memory in KiB, empty when it is gone. */
    static OptionalLong rssKib(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The process's private memory in KiB (its pages no other process shares: what one more such
     * process costs), empty when it is gone.
     */
    static OptionalLong privateKib(long pid) {
        try {
            long kib = Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup")).stream()
                    .filter(line -> line.startsWith("Private_Clean:") || line.startsWith("Private_Dirty:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", ""))).sum();
            return OptionalLong.of(kib);
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** The machine's CPU ticks so far, all cores: {busy, total} (idle and iowait are not busy). */
    static long[] machineTicks() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(fields.length, 9); i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[] {total - idle, total};
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/stat", e);
        }
    }

    private static double ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            return getconf.waitFor() == 0 ? Double.parseDouble(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}

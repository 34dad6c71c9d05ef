package io.fanout.servicekit.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Who a process is, written down so that another JVM (a restarted instance, a second one) can tell
 * it is the same process and not a later one that reused its pid: {@code pid start ticks}. The
 * start instant alone is not enough: the JDK derives it from the wall-clock boot time, which moves
 * when the clock is stepped (NTP, a virtual machine resumed), so two JVMs on either side of a step
 * disagree about one process and a job is started twice instead of adopted. Where Linux tells it
 * ({@code /proc/<pid>/stat}), the start in clock ticks since boot decides, which no clock step
 * changes; elsewhere, and for lines written without ticks, the instant does.
 */
final class ProcessIdentity {

    /** {@code /proc/<pid>/stat}'s field 22, the start time in clock ticks, counted after the name's ')'. */
    private static final int START_TICKS_AFTER_NAME = 19;

    private ProcessIdentity() {
    }

    /** The line that identifies {@code process}: its pid, start instant and, on Linux, start ticks. */
    static String of(ProcessHandle process) {
        String started = process.info().startInstant().map(Instant::toString).orElse("unknown");
        OptionalLong ticks = startTicks(process.pid());
        return process.pid() + " " + started + (ticks.isPresent() ? " " + ticks.getAsLong() : "");
    }

    /** The pid {@code line} names; -1 if it names none. */
    static long pid(String line) {
        try {
            return Long.parseLong(line.trim().split(" ")[0]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The process {@code line} identifies, if it still runs and is the same one. */
    static Optional<ProcessHandle> running(String line) {
        String[] fields = line.trim().split(" ");
        if (fields.length < 2) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(fields[0]);
            Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
            OptionalLong ticks = fields.length >= 3 ? startTicks(pid) : OptionalLong.empty();
            if (ticks.isPresent()) {
                long recorded = Long.parseLong(fields[2]);
                return process.filter(p -> ticks.getAsLong() == recorded);
            }
            Instant started = Instant.parse(fields[1]);
            return process.filter(p -> p.info().startInstant().map(started::equals).orElse(false));
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The process's start in clock ticks since boot, where {@code /proc} tells it. */
    static OptionalLong startTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return fields.length > START_TICKS_AFTER_NAME
                    ? OptionalLong.of(Long.parseLong(fields[START_TICKS_AFTER_NAME])) : OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}

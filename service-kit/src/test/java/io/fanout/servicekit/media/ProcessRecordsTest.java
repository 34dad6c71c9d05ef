package io.fanout.servicekit.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job recorded by one instance is found by another as long as its process runs, and only that
 * process: not after it ended, not a process that reused its pid, and not lost because the wall
 * clock was stepped between the two (which moves the JDK's start instants by whole seconds). The
 * start in ticks comes from Linux's {@code /proc}, where Fanout runs.
 */
class ProcessRecordsTest {

    @TempDir
    Path dir;

    private Process process;

    @AfterEach
    void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void aRunningJobIsFoundWithItsFacts() throws IOException {
        ProcessRecords records = recordSleep();

        ProcessRecords.Recorded found = new ProcessRecords(dir, "job").find("job-1").orElseThrow();

        assertThat(found.process().pid()).isEqualTo(process.pid());
        assertThat(found.facts()).containsEntry("stream", "s1").containsEntry("session", "a");
        assertThat(records.keys()).containsExactly("job-1");
    }

    @Test
    void aJobWhoseProcessEndedIsNotFound() throws Exception {
        ProcessRecords records = recordSleep();
        process.destroyForcibly().waitFor();

        assertThat(records.find("job-1")).isEmpty();
    }

    @Test
    void aJobThatEndedLateDoesNotEraseItsSuccessorsRecord() throws IOException {
        ProcessRecords records = recordSleep();
        Process earlier = process;
        process = new ProcessBuilder("sleep", "60").start();
        try {
            records.record("job-1", process.toHandle(), Map.of("stream", "s1", "session", "a"));

            records.forget("job-1", earlier.toHandle());
            assertThat(records.find("job-1")).map(found -> found.process().pid()).contains(process.pid());

            records.forget("job-1", process.toHandle());
            assertThat(records.find("job-1")).isEmpty();
        } finally {
            earlier.destroyForcibly();
        }
    }

    @Test
    void aClockStepBetweenRecordingAndFindingLosesNothing() throws IOException {
        ProcessRecords records = recordSleep();
        // What a JVM on the other side of a one-second clock step computes as the start instant.
        rewriteFirstLine(fields -> fields[0] + " " + Instant.parse(fields[1]).minusSeconds(1) + " " + fields[2]);

        assertThat(records.find("job-1")).isPresent();
    }

    @Test
    void anotherProcessUnderTheRecordedPidIsNotTheJob() throws IOException {
        ProcessRecords records = recordSleep();
        rewriteFirstLine(fields -> fields[0] + " " + fields[1] + " " + (Long.parseLong(fields[2]) + 1));

        assertThat(records.find("job-1")).isEmpty();
    }

    @Test
    void aRecordWrittenWithoutTicksIsStillJudgedByItsStartInstant() throws IOException {
        ProcessRecords records = recordSleep();
        rewriteFirstLine(fields -> fields[0] + " " + fields[1]);
        assertThat(records.find("job-1")).isPresent();

        rewriteFirstLine(fields -> fields[0] + " " + Instant.parse(fields[1]).minusSeconds(1));
        assertThat(records.find("job-1")).isEmpty();
    }

    private ProcessRecords recordSleep() throws IOException {
        process = new ProcessBuilder("sleep", "60").start();
        ProcessRecords records = new ProcessRecords(dir, "job");
        records.record("job-1", process.toHandle(), Map.of("stream", "s1", "session", "a"));
        return records;
    }

    private void rewriteFirstLine(Function<String[], String> rewrite) throws IOException {
        Path file = dir.resolve("job-1");
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(0, rewrite.apply(lines.get(0).split(" ")));
        Files.write(file, lines);
    }
}

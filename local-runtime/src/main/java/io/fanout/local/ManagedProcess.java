package io.fanout.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A child process of the test JVM (nginx, ffmpeg) with its output in a log file. Stop is SIGTERM
 * and a wait, kill is SIGKILL. Every process still running when the JVM exits is killed by a
 * shutdown hook, so a test run leaves no process and no bound port behind.
 */
public final class ManagedProcess {

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> RUNNING.forEach(Process::destroyForcibly), "fanout-process-reaper"));
    }

    private final String name;
    private final Process process;
    private final Path logFile;

    private ManagedProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /** Starts {@code command} with stdout and stderr appended to {@code logFile}. */
    public static ManagedProcess start(String name, List<String> command, Path logFile) {
        return start(name, command, Map.of(), logFile);
    }

    /** As {@link #start(String, List, Path)}, with {@code environment} added to this JVM's. */
    public static ManagedProcess start(String name, List<String> command, Map<String, String> environment, Path logFile) {
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            Process process = builder
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            RUNNING.add(process);
            process.onExit().thenRun(() -> RUNNING.remove(process));
            return new ManagedProcess(name, process, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command.get(0), e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    /** The exit code, or -1 while it is still running. */
    public int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** SIGTERM, then SIGKILL if it has not exited within {@code graceSeconds}. */
    public void stop(int graceSeconds) {
        process.destroy();
        await(graceSeconds);
    }

    /** SIGKILL: the process gets no chance to close its connections. */
    public void kill() {
        process.destroyForcibly();
        await(10);
    }

    /** Sends a signal by name (STOP, CONT, ...), for tests of frozen peers. */
    public void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of the log, for failure messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + logFile + ")";
        }
    }

    private void await(int seconds) {
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", log " + logFile + ")";
    }
}

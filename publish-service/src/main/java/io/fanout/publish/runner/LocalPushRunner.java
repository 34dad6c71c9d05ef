package io.fanout.publish.runner;

import io.fanout.publish.config.PublishConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Runs each push as a local {@code ffmpeg -c copy} child process. Broadcasting is detected from
 * ffmpeg's own progress report ({@code -progress pipe:1}: bytes written to the destination), not from
 * the process having started; {@code -rw_timeout} makes a silent source or destination end the
 * process instead of hanging forever. ffmpeg's error output is logged with the key redacted.
 * Every push still running when the service stops is stopped with it.
 */
@ApplicationScoped
public class LocalPushRunner implements PushRunner {

    private static final Logger LOG = Logger.getLogger(LocalPushRunner.class);

    private record Running(Process process, AtomicBoolean stopRequested) {
    }

    private final Map<UUID, Running> running = new ConcurrentHashMap<>();
    private final PublishConfig config;

    public LocalPushRunner(PublishConfig config) {
        this.config = config;
    }

    @Override
    public synchronized boolean start(PushSpec push, Listener listener) {
        if (isRunning(push.targetId())) {
            return false;
        }
        Process process;
        try {
            process = new ProcessBuilder(command(push)).start();
        } catch (IOException e) {
            listener.broke(push, "cannot start ffmpeg: " + e.getMessage());
            return false;
        }
        Running run = new Running(process, new AtomicBoolean());
        running.put(push.targetId(), run);
        AtomicReference<String> lastError = new AtomicReference<>("ffmpeg exited");
        daemon("push-progress-" + push.targetId(), () -> readProgress(process.getInputStream(), push, listener));
        daemon("push-errors-" + push.targetId(), () -> readErrors(process.getErrorStream(), push, lastError));
        process.onExit().thenRun(() -> {
            running.remove(push.targetId(), run);
            if (!run.stopRequested().get()) {
                listener.broke(push, lastError.get() + " (exit " + process.exitValue() + ")");
            }
        });
        LOG.infof("%s started (pid %d)", push, process.pid());
        return true;
    }

    @Override
    public void stop(UUID targetId) {
        Running run = running.remove(targetId);
        if (run == null) {
            return;
        }
        run.stopRequested().set(true);
        run.process().destroy();
        try {
            if (!run.process().waitFor(5, TimeUnit.SECONDS)) {
                run.process().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.infof("push of target %s stopped", targetId);
    }

    @Override
    public boolean isRunning(UUID targetId) {
        Running run = running.get(targetId);
        return run != null && run.process().isAlive();
    }

    @PreDestroy
    void stopAll() {
        List.copyOf(running.keySet()).forEach(this::stop);
    }

    private List<String> command(PushSpec push) {
        String timeoutMicros = Long.toString(config.ioTimeout().toNanos() / 1000);
        return List.of(config.ffmpeg(), "-hide_banner", "-nostdin", "-loglevel", "error",
                "-rw_timeout", timeoutMicros, "-i", push.sourceUrl(),
                "-map", "0", "-c", "copy", "-progress", "pipe:1", "-stats_period", "1",
                "-rw_timeout", timeoutMicros, "-f", "flv", push.destinationUrl());
    }

    /** ffmpeg's progress blocks end with {@code progress=continue}; bytes written is {@code total_size}. */
    private static void readProgress(InputStream out, PushSpec push, Listener listener) {
        boolean reported = false;
        long bytes = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("total_size=")) {
                    bytes = parseLong(line.substring("total_size=".length()));
                } else if (line.startsWith("progress=") && bytes > 0 && !reported) {
                    reported = true;
                    listener.broadcasting(push);
                }
            }
        } catch (IOException closed) {
            // the process ended; onExit reports it
        }
    }

    private static void readErrors(InputStream err, PushSpec push, AtomicReference<String> lastError) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String safe = push.redact(line);
                lastError.set(safe);
                LOG.warnf("%s: %s", push, safe);
            }
        } catch (IOException closed) {
            // the process ended
        }
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }
}

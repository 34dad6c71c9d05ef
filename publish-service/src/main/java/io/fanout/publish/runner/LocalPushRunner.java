package io.fanout.publish.runner;

import io.fanout.publish.config.PublishConfig;
import io.fanout.servicekit.media.FfmpegJob;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs each push as a local {@code ffmpeg -c copy} child process ({@link FfmpegJob}): broadcasting
 * is ffmpeg's own report of bytes written to the destination, and {@code -rw_timeout} makes a silent
 * source or destination end the process instead of hanging forever. A destination that stops
 * reading without closing is noticed from the progress: no bytes written for {@code stall-timeout}
 * (a bounded socket send buffer keeps that from being hidden for long). Every push still running when
 * the service stops is stopped with it.
 */
@ApplicationScoped
public class LocalPushRunner implements PushRunner {

    private final Map<UUID, FfmpegJob> running = new ConcurrentHashMap<>();
    private final PublishConfig config;

    public LocalPushRunner(PublishConfig config) {
        this.config = config;
    }

    @Override
    public synchronized boolean start(PushSpec push, Listener listener) {
        if (isRunning(push.targetId())) {
            return false;
        }
        String timeoutMicros = Long.toString(config.ioTimeout().toNanos() / 1000);
        List<String> arguments = List.of("-rw_timeout", timeoutMicros, "-i", push.sourceUrl(),
                "-map", "0", "-c", "copy", "-rw_timeout", timeoutMicros,
                "-send_buffer_size", Integer.toString(config.sendBufferBytes()), "-f", "flv", push.destinationUrl());
        try {
            FfmpegJob job = FfmpegJob.start(config.ffmpeg(), arguments, push.toString(), push.secret(),
                    config.stallTimeout(), new FfmpegJob.Listener() {
                        @Override
                        public void flowing() {
                            listener.broadcasting(push);
                        }

                        @Override
                        public void ended(String reason) {
                            running.remove(push.targetId());
                            listener.broke(push, reason);
                        }
                    });
            running.put(push.targetId(), job);
            return true;
        } catch (IOException e) {
            listener.broke(push, "cannot start ffmpeg: " + e.getMessage());
            return false;
        }
    }

    @Override
    public void stop(UUID targetId) {
        FfmpegJob job = running.remove(targetId);
        if (job != null) {
            job.stop();
        }
    }

    @Override
    public boolean isRunning(UUID targetId) {
        FfmpegJob job = running.get(targetId);
        return job != null && job.isAlive();
    }

    @PreDestroy
    void stopAll() {
        List.copyOf(running.keySet()).forEach(this::stop);
    }
}

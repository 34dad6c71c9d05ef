package io.fanout.transcode.runner;

import io.fanout.contracts.transcode.Rung;
import io.fanout.servicekit.media.FfmpegJob;
import io.fanout.transcode.config.TranscodeConfig;
import io.fanout.transcode.domain.Ladder;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs each session's ladder as a local ffmpeg process: one decode of the live stream, each rung
 * encoded and published to the edge's HLS application. At most one ladder runs per stream.
 */
@ApplicationScoped
public class LadderRunner {

    /** What a running ladder reports. */
    public interface Listener {
        void producing();

        void broke(String reason);
    }

    private final Map<String, FfmpegJob> running = new ConcurrentHashMap<>();
    private final TranscodeConfig config;

    public LadderRunner(TranscodeConfig config) {
        this.config = config;
    }

    /** Starts the stream's ladder unless it runs; returns whether it started one. */
    public synchronized boolean start(String streamId, List<Rung> rungs, Listener listener) {
        if (running.containsKey(streamId)) {
            return false;
        }
        String timeoutMicros = Long.toString(config.ioTimeout().toNanos() / 1000);
        List<String> arguments = new ArrayList<>(List.of("-rw_timeout", timeoutMicros, "-i",
                config.sourceUrl() + "/" + streamId));
        for (Rung rung : rungs) {
            arguments.addAll(List.of("-map", "0:v:0", "-map", "0:a:0?"));
            arguments.addAll(Ladder.encoderOptions(rung));
            arguments.addAll(List.of("-f", "flv", config.outputUrl() + "/" + Ladder.outputName(streamId, rung)));
        }
        try {
            running.put(streamId, FfmpegJob.start(config.ffmpeg(), arguments, "ladder of stream " + streamId, null,
                    new FfmpegJob.Listener() {
                        @Override
                        public void flowing() {
                            listener.producing();
                        }

                        @Override
                        public void ended(String reason) {
                            running.remove(streamId);
                            listener.broke(reason);
                        }
                    }));
            return true;
        } catch (IOException e) {
            listener.broke("cannot start ffmpeg: " + e.getMessage());
            return false;
        }
    }

    /** Stops the stream's ladder; returns whether one was running. */
    public boolean stop(String streamId) {
        FfmpegJob job = running.remove(streamId);
        if (job == null) {
            return false;
        }
        job.stop();
        return true;
    }

    @PreDestroy
    void stopAll() {
        List.copyOf(running.keySet()).forEach(this::stop);
    }
}

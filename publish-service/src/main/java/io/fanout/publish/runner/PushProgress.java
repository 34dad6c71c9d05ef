package io.fanout.publish.runner;

import io.fanout.servicekit.media.FfmpegJob;
import java.util.function.Consumer;

/** An ffmpeg job's reports as a push's: flowing is broadcasting, bytes are the push's progress. */
final class PushProgress implements FfmpegJob.Listener {

    private final PushSpec push;
    private final PushRunner.Listener listener;
    private final Consumer<String> ended;

    /** {@code ended} handles an end nobody asked for (a pod's end comes from its watch instead: pass a no-op). */
    PushProgress(PushSpec push, PushRunner.Listener listener, Consumer<String> ended) {
        this.push = push;
        this.listener = listener;
        this.ended = ended;
    }

    @Override
    public void flowing() {
        listener.broadcasting(push);
    }

    @Override
    public void progress(long totalBytes) {
        listener.progress(push, totalBytes);
    }

    @Override
    public void ended(String reason) {
        ended.accept(reason);
    }
}

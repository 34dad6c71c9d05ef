package io.fanout.transcode.runner;

import io.fanout.servicekit.media.FfmpegJob;
import io.fanout.servicekit.media.FfmpegProgress;

/** An ffmpeg job's reports (a process's or a pod's) as a ladder's. */
final class LadderReports implements FfmpegJob.Listener {

    private final LadderRunner.Listener listener;
    private final Runnable beforeEnded;

    /** {@code beforeEnded} runs when the job ends on its own, before the listener hears of it. */
    LadderReports(LadderRunner.Listener listener, Runnable beforeEnded) {
        this.listener = listener;
        this.beforeEnded = beforeEnded;
    }

    @Override
    public void flowing() {
        listener.flowing();
    }

    @Override
    public void snapshot(FfmpegProgress.Snapshot snapshot) {
        listener.progress(snapshot);
    }

    @Override
    public void ended(String reason) {
        beforeEnded.run();
        listener.ended(reason);
    }
}

package io.fanout.transcode.service;

import io.fanout.contracts.transcode.LadderFailed;
import io.fanout.contracts.transcode.LadderStarted;
import io.fanout.contracts.stream.StreamMedia;
import io.fanout.contracts.transcode.LadderStopped;
import io.fanout.contracts.transcode.RecordingReady;
import io.fanout.contracts.transcode.RenditionReady;
import io.fanout.servicekit.media.FfmpegProgress;
import io.fanout.transcode.config.TranscodeConfig;
import io.fanout.contracts.stream.LadderSetting;
import io.fanout.transcode.domain.LadderPlan;
import io.fanout.transcode.domain.LadderResources;
import io.fanout.transcode.domain.PlannedRung;
import io.fanout.transcode.domain.RungSpec;
import io.fanout.transcode.domain.SourceMedia;
import io.fanout.transcode.messaging.RenditionEvents;
import io.fanout.transcode.persistence.LadderStates;
import io.fanout.transcode.persistence.MediaFiles;
import io.fanout.transcode.runner.LadderCommand;
import io.fanout.transcode.runner.LadderRunner;
import io.fanout.transcode.runner.SourceProbe;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Owns every stream's ladder, from the decision to its effect: a live session gets its ladder
 * (source probed, plan made, master playlist written, one ffmpeg started); once every rung's
 * playlist exists, {@code ladder.started} and one {@code rendition.ready} per rung say so; a ladder
 * that dies while its encoder publishes is restarted with exponential back-off and continues the
 * same playlists, and after the configured attempts {@code ladder.failed} gives up; an interrupted
 * encoder pauses the restarts until it is back; an ended session stops its ladder
 * ({@code ladder.stopped}) and closes its recording ({@code recording.ready}). Probes and launches run on this class's own threads, so one slow
 * source never holds up the consumer or the other streams.
 */
@ApplicationScoped
public class LadderSupervisor {

    private static final Logger LOG = Logger.getLogger(LadderSupervisor.class);
    private static final Duration PLAYABLE_POLL = Duration.ofMillis(200);
    private static final Duration STAT_POLL = Duration.ofMillis(100);

    private final Map<String, LiveLadder> ladders = new HashMap<>();
    private final ScheduledExecutorService work = Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "ladder-supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private final TranscodeConfig config;
    private final SourceProbe probe;
    private final LadderRunner runner;
    private final MediaFiles files;
    private final LadderStates states;
    private final RenditionEvents events;
    private final LadderMetrics metrics;
    private final LadderCommand command;
    private final List<RungSpec> rungs;
    private final LadderSetting defaultMode;

    public LadderSupervisor(TranscodeConfig config, SourceProbe probe, LadderRunner runner, MediaFiles files,
            LadderStates states, RenditionEvents events, LadderMetrics metrics) {
        this.config = config;
        this.states = states;
        this.probe = probe;
        this.runner = runner;
        this.files = files;
        this.events = events;
        this.metrics = metrics;
        TranscodeConfig.LadderSettings ladder = config.ladder();
        this.command = new LadderCommand(config.sourceUrl(), config.relayUrl(), files.liveRoot(),
                ladder.preset(), ladder.keyframeInterval(), ladder.liveSegments(), config.ioTimeout());
        this.rungs = ladder.rungs().entrySet().stream().map(e -> new RungSpec(e.getKey(), e.getValue().height(),
                e.getValue().kbps30(), e.getValue().kbps60(), e.getValue().profile())).toList();
        this.defaultMode = ladder.mode();
        metrics.countRunning(this::running);
    }

    /**
     * The encoder publishes the session (started, or resumed inside its reconnect window): its ladder
     * runs, as the stream's {@code media} settings say (null: the service's defaults, no recording).
     */
    public void live(String streamId, String partnerId, String sessionId, StreamMedia media) {
        LiveLadder ladder;
        long launch;
        synchronized (this) {
            ladder = ladders.get(streamId);
            if (ladder != null && !ladder.sessionId.equals(sessionId)) {
                retire(ladder);
                ladder = null;
            }
            if (ladder == null) {
                ladder = new LiveLadder(streamId, partnerId, sessionId,
                        media == null || media.ladder() == null ? defaultMode : media.ladder(), media != null && media.record());
                ladders.put(streamId, ladder);
                states.save(state(ladder));
            } else if (ladder.isRunning()) {
                // Still running (it has not noticed the encoder left, or this is a redelivery): it goes on.
                ladder.phase = LiveLadder.Phase.LIVE;
                return;
            }
            ladder.phase = LiveLadder.Phase.LIVE;
            ladder.attempts = 0;
            launch = ++ladder.generation;
        }
        LiveLadder target = ladder;
        work.execute(() -> launch(target, launch));
    }

    /** The encoder is gone inside its reconnect window: a ladder that dies now is not restarted. */
    public synchronized void interrupted(String streamId, String sessionId) {
        LiveLadder ladder = ladders.get(streamId);
        if (ladder != null && ladder.sessionId.equals(sessionId) && ladder.phase == LiveLadder.Phase.LIVE) {
            ladder.phase = LiveLadder.Phase.WAITING_FOR_SOURCE;
        }
    }

    /**
     * The session ended: its ladder stops ({@code ladder.stopped}) and, with recording on, its
     * recording is closed into a VOD ({@code recording.ready}).
     */
    public void ended(String streamId, String sessionId) {
        LiveLadder ladder;
        LadderPlan plan;
        synchronized (this) {
            ladder = ladders.get(streamId);
            if (ladder == null || !ladder.sessionId.equals(sessionId)) {
                return;
            }
            ladders.remove(streamId);
            retire(ladder);
            states.delete(streamId);
            plan = ladder.plan;
        }
        if (ladder.mode == LadderSetting.NONE) {
            return;
        }
        events.emit(new LadderStopped(streamId, ladder.partnerId, sessionId, Instant.now()));
        if (ladder.record && plan != null) {
            files.closeRecording(streamId, sessionId, plan).ifPresent(seconds -> events.emit(new RecordingReady(streamId,
                    ladder.partnerId, sessionId, Instant.now(),
                    config.publicUrl() + "/vod/" + streamId + "/" + sessionId + "/master.m3u8", seconds, plan.announced())));
        }
    }

    /**
     * At start: the sessions an earlier instance ran ladders for are still live as far as this
     * service knows (their end would arrive on {@code stream-lifecycle}). A ladder that outlived the
     * instance (a process or a pod) is adopted and supervised from now on as it runs; the others run
     * again, continuing the same playlists (the runner stops a leftover of the stream first, so a
     * stream never has two). Ladders of streams that are not live any more are swept.
     */
    void resumeRecorded(@Observes StartupEvent start) {
        List<LadderStates.State> recorded = states.all();
        for (LadderStates.State state : recorded) {
            LiveLadder ladder = new LiveLadder(state.streamId(), state.partnerId(), state.sessionId(), state.ladder(),
                    state.record());
            ladder.fresh = false;
            synchronized (this) {
                // A replayed stream.started may have been quicker: then that ladder is the one.
                if (ladders.putIfAbsent(state.streamId(), ladder) != null) {
                    continue;
                }
                long launch = ++ladder.generation;
                Optional<LadderRunner.Running> adopted = state.plan() == null ? Optional.empty()
                        : runner.adopt(state.streamId(), state.sessionId(), listener(ladder, launch));
                if (adopted.isPresent()) {
                    LOG.infof("stream %s: adopted the running ladder of session %s", state.streamId(), state.sessionId());
                    ladder.plan = state.plan();
                    ladder.process = adopted.get();
                    continue;
                }
            }
            LOG.infof("stream %s: resuming the ladder of session %s", state.streamId(), state.sessionId());
            live(state.streamId(), state.partnerId(), state.sessionId(), new StreamMedia(state.ladder(), state.record()));
        }
        runner.sweep(recorded.stream().map(LadderStates.State::streamId).collect(Collectors.toSet()));
    }

    private static LadderStates.State state(LiveLadder ladder) {
        return new LadderStates.State(ladder.streamId, ladder.partnerId, ladder.sessionId, ladder.mode, ladder.record,
                ladder.plan);
    }

    private synchronized int running() {
        return (int) ladders.values().stream().filter(LiveLadder::isRunning).count();
    }

    /** Whether the stream's ladder process runs (for tests and health). */
    public synchronized boolean isRunning(String streamId) {
        LiveLadder ladder = ladders.get(streamId);
        return ladder != null && ladder.isRunning();
    }

    private void launch(LiveLadder ladder, long launch) {
        launch(ladder, launch, System.nanoTime() + SourceProbe.STAT_PATIENCE.toNanos());
    }

    /**
     * Describes the source (the edge's stat, asked again every {@link #STAT_POLL} until
     * {@code statDeadline}, then ffprobe), plans the ladder and starts it.
     */
    private void launch(LiveLadder ladder, long launch, long statDeadline) {
        synchronized (this) {
            if (!ladder.isCurrent(launch)) {
                return;
            }
        }
        Optional<SourceMedia> known = probe.fromEdge(ladder.streamId);
        if (known.isEmpty() && probe.readsEdge() && System.nanoTime() < statDeadline) {
            work.schedule(() -> launch(ladder, launch, statDeadline), STAT_POLL.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        LadderPlan plan;
        SourceMedia source;
        try {
            source = known.isPresent() ? known.get() : probe.ffprobe(ladder.streamId);
            plan = LadderPlan.of(ladder.mode, rungs, source, config.ladder().audioKbps());
            LOG.infof("stream %s: source %s %dx%d %.2f fps, ladder %s", ladder.streamId, source.videoCodec(),
                    source.width(), source.height(), source.fps(),
                    plan.rungs().stream().map(r -> r.name() + (r.passthrough() ? " (source)" : "")).toList());
        } catch (IOException e) {
            died(ladder, launch, e.getMessage());
            return;
        } catch (IllegalArgumentException e) {
            giveUp(ladder, launch, e.getMessage());
            return;
        }
        if (plan.isEmpty()) {
            LOG.infof("stream %s: no ladder (setting %s)", ladder.streamId, ladder.mode);
            return;
        }
        synchronized (this) {
            if (!ladder.isCurrent(launch)) {
                return;
            }
            try {
                Path recording = ladder.record ? files.recordingDirectory(ladder.streamId, ladder.sessionId) : null;
                files.prepare(ladder.streamId, plan, ladder.fresh, recording);
                ladder.fresh = false;
                ladder.plan = plan;
                ladder.flowingSince = 0;
                ladder.process = runner.start(new LadderRunner.Job(ladder.streamId, ladder.sessionId,
                        command.arguments(ladder.streamId, ladder.sessionId, plan, recording),
                        LadderResources.of(source, plan)), listener(ladder, launch));
                states.save(state(ladder));
            } catch (IOException | RuntimeException e) {
                LOG.errorf(e, "stream %s: cannot start its ladder", ladder.streamId);
                work.execute(() -> died(ladder, launch, "cannot start ffmpeg: " + e.getMessage()));
            }
        }
    }

    private LadderRunner.Listener listener(LiveLadder ladder, long launch) {
        return new LadderRunner.Listener() {
            @Override
            public void flowing() {
                synchronized (LadderSupervisor.this) {
                    if (ladder.generation == launch) {
                        ladder.flowingSince = System.nanoTime();
                    }
                }
                work.schedule(() -> announceWhenPlayable(ladder, launch), 0, TimeUnit.MILLISECONDS);
            }

            @Override
            public void progress(FfmpegProgress.Snapshot snapshot) {
                LadderRunner.Running process = ladder.process;
                metrics.progress(ladder.streamId, snapshot, process == null ? 0 : process.cpuSeconds());
            }

            @Override
            public void ended(String reason) {
                died(ladder, launch, reason);
            }
        };
    }

    /** Once every rung's playlist exists, the ladder is announced: the player and the relays can be used. */
    private void announceWhenPlayable(LiveLadder ladder, long launch) {
        LadderPlan plan;
        synchronized (this) {
            if (ladder.generation != launch || !ladder.isRunning()) {
                return;
            }
            plan = ladder.plan;
        }
        if (!files.playable(ladder.streamId, plan)) {
            work.schedule(() -> announceWhenPlayable(ladder, launch), PLAYABLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        String stream = ladder.streamId;
        events.emit(new LadderStarted(stream, ladder.partnerId, ladder.sessionId, Instant.now(),
                config.publicUrl() + "/hls/" + stream + "/master.m3u8", config.publicUrl() + "/watch/" + stream,
                plan.announced()));
        for (PlannedRung rung : plan.rungs()) {
            events.emit(new RenditionReady(stream, ladder.partnerId, ladder.sessionId, Instant.now(), rung.rung(),
                    command.relay(stream, rung.name())));
        }
    }

    /** A launch failed or its process ended on its own: restart with back-off while the encoder publishes. */
    private void died(LiveLadder ladder, long launch, String reason) {
        long delayMillis;
        synchronized (this) {
            if (!ladder.isCurrent(launch)) {
                return;
            }
            ladder.process = null;
            if (ladder.flowingSince != 0
                    && System.nanoTime() - ladder.flowingSince >= config.restart().healthyAfter().toNanos()) {
                ladder.attempts = 0;
            }
            if (ladder.attempts >= config.restart().attempts()) {
                giveUpLocked(ladder);
            } else {
                delayMillis = Math.min(config.restart().firstDelay().toMillis() << ladder.attempts,
                        config.restart().maxDelay().toMillis());
                ladder.attempts++;
                long next = ++ladder.generation;
                LOG.warnf("stream %s: ladder ended (%s); restart %d of %d in %d ms", ladder.streamId, reason,
                        ladder.attempts, config.restart().attempts(), delayMillis);
                metrics.restarted();
                work.schedule(() -> launch(ladder, next), delayMillis, TimeUnit.MILLISECONDS);
                return;
            }
        }
        LOG.errorf("stream %s: ladder failed: %s", ladder.streamId, reason);
        events.emit(new LadderFailed(ladder.streamId, ladder.partnerId, ladder.sessionId, Instant.now(), reason));
    }

    /** A plan that cannot be made (the source will not change until it reconnects): no retries. */
    private void giveUp(LiveLadder ladder, long launch, String reason) {
        synchronized (this) {
            if (!ladder.isCurrent(launch)) {
                return;
            }
            giveUpLocked(ladder);
        }
        LOG.errorf("stream %s: no ladder: %s", ladder.streamId, reason);
        events.emit(new LadderFailed(ladder.streamId, ladder.partnerId, ladder.sessionId, Instant.now(), reason));
    }

    private void giveUpLocked(LiveLadder ladder) {
        ladder.phase = LiveLadder.Phase.FAILED;
        ladder.process = null;
        metrics.failed();
        metrics.forget(ladder.streamId);
    }

    /** Stops the ladder's process (if any) for good; its later reports are ignored. */
    private void retire(LiveLadder ladder) {
        LadderRunner.Running process = detach(ladder);
        if (process != null) {
            process.stop();
        }
    }

    private LadderRunner.Running detach(LiveLadder ladder) {
        ladder.phase = LiveLadder.Phase.ENDED;
        ladder.generation++;
        LadderRunner.Running process = ladder.process;
        ladder.process = null;
        metrics.forget(ladder.streamId);
        return process;
    }

    /**
     * The service stops: its ladders are released (they run on for the next instance to adopt), and
     * their sessions stay recorded as live.
     */
    @PreDestroy
    synchronized void stopAll() {
        for (LiveLadder ladder : List.copyOf(ladders.values())) {
            LadderRunner.Running process = detach(ladder);
            if (process != null) {
                process.release();
            }
        }
        ladders.clear();
        work.shutdownNow();
    }
}

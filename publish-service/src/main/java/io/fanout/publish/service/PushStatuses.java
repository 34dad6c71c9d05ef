package io.fanout.publish.service;

import io.fanout.publish.domain.PushStatus;
import io.fanout.publish.persistence.PushStatusRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What partners see of their pushes ({@link PushStatus}): states and reasons as the pushes' own
 * transitions saved them, and the progress of the pushes this instance runs, written from their
 * runners' reports at most every {@link #EVERY}, with the bitrate over that interval. Written to the
 * database, so any instance answers for every push.
 */
@ApplicationScoped
public class PushStatuses {

    static final Duration EVERY = Duration.ofSeconds(5);

    /** The last progress written for a target's push: bytes of its attempt so far, and when (nanoTime). */
    private record Written(long bytes, long atNanos) {
    }

    private final PushStatusRepository repository;
    private final Map<UUID, Written> written = new ConcurrentHashMap<>();

    public PushStatuses(PushStatusRepository repository) {
        this.repository = repository;
    }

    /** The pushes of the stream's current session, by target. */
    public Map<UUID, PushStatus> ofStream(UUID streamId) {
        return repository.ofCurrentSession(streamId);
    }

    /** A running push's report of the bytes its current attempt wrote so far. */
    public void progress(PushPlan plan, long totalBytes) {
        long now = System.nanoTime();
        Written last = written.get(plan.targetId());
        if (last == null || totalBytes < last.bytes()) {
            // The first report of an attempt: its baseline.
            written.put(plan.targetId(), new Written(totalBytes, now));
            return;
        }
        long elapsedNanos = now - last.atNanos();
        if (elapsedNanos < EVERY.toNanos()) {
            return;
        }
        int kbps = (int) ((totalBytes - last.bytes()) * 8 * 1_000_000 / elapsedNanos);
        written.put(plan.targetId(), new Written(totalBytes, now));
        repository.progress(plan.targetId(), plan.sessionId(), totalBytes, kbps, Instant.now());
    }

    /** The push's attempt ended: its next attempt starts a new baseline. */
    public void ended(UUID targetId) {
        written.remove(targetId);
    }
}

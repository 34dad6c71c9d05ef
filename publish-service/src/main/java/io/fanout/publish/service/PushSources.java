package io.fanout.publish.service;

import io.fanout.contracts.stream.StreamHealth;
import io.fanout.contracts.transcode.RenditionReady;
import io.fanout.contracts.transcode.Rung;
import io.fanout.publish.domain.Rendition;
import io.fanout.publish.persistence.RenditionRepository;
import io.fanout.publish.persistence.StreamRepository;
import io.fanout.publish.persistence.StreamRepository.StreamView;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * What a stream's pushes can read, and how its ingest measures up. A measurement of the live ingest
 * ({@code stream-health}) is checked against the networks' limits of the stream's pushes
 * ({@link Preflight}); a ready rendition relay ({@code rendition.ready}) can be read by pushes to
 * destinations that take fewer lines than the live picture; a stopped or failed ladder takes its
 * session's relays away. Each change is recorded in one transaction; once it is committed, the
 * supervisor switches running pushes whose source changed.
 */
@ApplicationScoped
public class PushSources {

    private final StreamRepository streams;
    private final RenditionRepository renditions;
    private final Preflight preflight;
    private final PushSupervisor supervisor;

    public PushSources(StreamRepository streams, RenditionRepository renditions, Preflight preflight,
            PushSupervisor supervisor) {
        this.streams = streams;
        this.renditions = renditions;
        this.preflight = preflight;
        this.supervisor = supervisor;
    }

    /**
     * The stream's ingest was measured: every active push of its live session gets a
     * {@code push.preflight} if its violations changed. A live picture of another size may change
     * what pushes read.
     */
    public void measured(StreamHealth health) {
        UUID streamId = UUID.fromString(health.streamId());
        UUID sessionId = UUID.fromString(health.sessionId());
        boolean resized = QuarkusTransaction.requiringNew().call(() -> {
            if (streams.lock(streamId).filter(s -> s.isLiveIn(sessionId)).isEmpty()) {
                return false;
            }
            streams.setKeyframeInterval(streamId, health.keyframeIntervalSeconds());
            boolean changed = health.width() > 0 && health.height() > 0
                    && streams.setPicture(streamId, health.width(), health.height());
            preflight.checkAll(streamId, sessionId, health.occurredAt());
            return changed;
        });
        if (resized) {
            supervisor.sourcesChanged(streamId);
        }
    }

    /**
     * transcode-service relays a rendition of the stream's session. A relay that is not an RTMP URL is
     * refused (the record goes to the dead-letter topic): ffmpeg would read whatever it names.
     */
    public void renditionReady(RenditionReady e) {
        if (e.relayUrl() == null || !e.relayUrl().matches("(?i)rtmps?://[^\\s]+")) {
            throw new IllegalArgumentException("rendition.ready of stream " + e.streamId()
                    + ": relayUrl is not an rtmp:// or rtmps:// URL");
        }
        UUID streamId = UUID.fromString(e.streamId());
        UUID sessionId = UUID.fromString(e.sessionId());
        Rung rung = e.rung();
        Rendition rendition = new Rendition(rung.name(), rung.width(), rung.height(), e.relayUrl());
        changed(streamId, sessionId, e.occurredAt(), () -> renditions.ready(streamId, sessionId, rendition, e.occurredAt()));
    }

    /** The session's ladder stopped or broke: its relays are gone, and pushes reading them go back to the live picture. */
    public void renditionsGone(String stream, String session, Instant at) {
        UUID streamId = UUID.fromString(stream);
        UUID sessionId = UUID.fromString(session);
        changed(streamId, sessionId, at, () -> renditions.gone(streamId, sessionId));
    }

    /** Applies a change of the session's renditions; if it changed anything, pushes follow. */
    private void changed(UUID streamId, UUID sessionId, Instant at, BooleanSupplier change) {
        boolean changed = QuarkusTransaction.requiringNew().call(() -> {
            Optional<StreamView> stream = streams.lock(streamId);
            if (stream.isEmpty() || !change.getAsBoolean()) {
                return false;
            }
            streams.sourcesChanged(streamId);
            if (stream.get().isLiveIn(sessionId)) {
                preflight.checkAll(streamId, sessionId, at);
            }
            return true;
        });
        if (changed) {
            supervisor.sourcesChanged(streamId);
        }
    }
}

package io.fanout.ingest.service;

import io.fanout.contracts.transcode.RecordingReady;
import io.fanout.ingest.persistence.StreamRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Keeps each session's recording beside the session, as transcode-service announced it, so that a
 * partner finds it in the stream's sessions. Applying the same announcement twice changes nothing.
 */
@ApplicationScoped
public class SessionRecordings {

    private static final Logger LOG = Logger.getLogger(SessionRecordings.class);

    private final StreamRepository streams;

    public SessionRecordings(StreamRepository streams) {
        this.streams = streams;
    }

    @Transactional
    public void ready(RecordingReady recording) {
        UUID stream = UUID.fromString(recording.streamId());
        UUID session = UUID.fromString(recording.sessionId());
        if (streams.recordSessionRecording(stream, session, recording.url(), recording.durationSeconds())) {
            LOG.infof("stream %s: session %s recorded (%.1f s)", stream, session, recording.durationSeconds());
        } else {
            LOG.warnf("stream %s: recording of unknown session %s ignored", stream, session);
        }
    }
}

package io.fanout.transcode;

import static org.awaitility.Awaitility.await;

import io.fanout.contracts.CloudEvents;
import io.fanout.contracts.EventType;
import io.fanout.contracts.Json;
import io.fanout.contracts.Topics;
import io.fanout.contracts.stream.EndReason;
import io.fanout.contracts.stream.StreamEnded;
import io.fanout.contracts.stream.StreamInterrupted;
import io.fanout.contracts.stream.StreamMedia;
import io.fanout.contracts.stream.StreamResumed;
import io.fanout.contracts.stream.StreamStarted;
import io.fanout.contracts.transcode.LadderStarted;
import io.fanout.contracts.transcode.RenditionReady;
import io.fanout.local.Edge;
import io.fanout.local.Encoder;
import io.fanout.testkit.EventPublisher;
import io.fanout.testkit.Probe;
import io.fanout.testkit.TopicRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Live sessions as ingest-service would announce them, for transcode-service's tests: an encoder
 * publishes to the real edge, and once its media is there (as {@code on_publish} would answer)
 * {@code stream.started} goes on the real broker; what transcode-service says back is read from
 * {@code renditions}.
 */
final class LiveSessions implements AutoCloseable {

    static final Duration DEADLINE = Duration.ofSeconds(60);

    private final EventPublisher ingest = EventPublisher.as("/fanout/ingest-service");
    private final TopicRecorder renditions = TopicRecorder.of(Topics.RENDITIONS);

    /** One stream's session: its encoder and the sequence of its lifecycle events so far. */
    final class Session {
        final String stream = UUID.randomUUID().toString();
        final String partner = UUID.randomUUID().toString();
        final String session = UUID.randomUUID().toString();
        private final UnaryOperator<Encoder.Builder> settings;
        private Encoder encoder;
        private long sequence = 1;
        private StreamMedia media;
        Instant startedAt;
        Instant endedAt;
        private StreamStarted started;

        private Session(UnaryOperator<Encoder.Builder> settings) {
            this.settings = settings;
        }

        String source() {
            return EdgeResource.edge().rtmpUrl(Edge.INGEST_APP, stream);
        }

        /** The stream's media settings, as ingest-service carries them in the session's events. */
        Session media(StreamMedia settings) {
            this.media = settings;
            return this;
        }

        /** The encoder publishes; once its media is at the edge the session is announced started. */
        Session start() {
            publish();
            startedAt = Instant.now();
            started = new StreamStarted(stream, partner, ++sequence, startedAt, session, media);
            ingest.send(started);
            return this;
        }

        /** The same {@code stream.started} once more, as Kafka redelivers an event whose offset was not committed. */
        void redeliverStart() {
            ingest.send(started);
        }

        /** The encoder dies (SIGKILL) and ingest opens the reconnect window. */
        void drop() {
            encoder.kill();
            ingest.send(new StreamInterrupted(stream, partner, ++sequence, Instant.now(), session,
                    Instant.now().plusSeconds(60)));
        }

        /** The encoder is back inside the window. */
        void resume() {
            publish();
            ingest.send(new StreamResumed(stream, partner, ++sequence, Instant.now(), session, media));
        }

        void end() {
            endedAt = Instant.now();
            ingest.send(new StreamEnded(stream, partner, ++sequence, endedAt, session, EndReason.COMPLETED));
        }

        /** The n-th (from 1) {@code ladder.started} of this stream. */
        LadderStarted awaitLadder(int nth) {
            List<TopicRecorder.Recorded> started = await("ladder.started #" + nth + " of " + stream).atMost(DEADLINE)
                    .until(() -> renditions.withKey(stream).stream()
                            .filter(r -> EventType.LADDER_STARTED.ceType().equals(r.header(CloudEvents.TYPE))).toList(),
                            list -> list.size() >= nth);
            return (LadderStarted) read(started.get(nth - 1));
        }

        List<RenditionReady> awaitRelays(int count) {
            return renditions.awaitRecords(stream, count + 1, DEADLINE).stream()
                    .filter(r -> EventType.RENDITION_READY.ceType().equals(r.header(CloudEvents.TYPE)))
                    .map(r -> (RenditionReady) read(r)).toList();
        }

        /** The type of every event on {@code renditions} for this stream so far. */
        List<String> eventTypes() {
            return renditions.withKey(stream).stream().map(r -> r.header(CloudEvents.TYPE)).toList();
        }

        TopicRecorder.Recorded awaitEvent(EventType type) {
            return renditions.awaitRecord(r -> stream.equals(r.key()) && type.ceType().equals(r.header(CloudEvents.TYPE)),
                    DEADLINE);
        }

        void killEncoder() {
            if (encoder != null) {
                encoder.kill();
            }
        }

        private void publish() {
            encoder = settings.apply(Encoder.to(source())).start();
            Probe.awaitMedia(source(), DEADLINE, media -> media.video().isPresent());
        }
    }

    Session session(UnaryOperator<Encoder.Builder> settings) {
        return new Session(settings);
    }

    EventPublisher ingest() {
        return ingest;
    }

    TopicRecorder renditions() {
        return renditions;
    }

    static Object read(TopicRecorder.Recorded record) {
        return Json.read(record.header(CloudEvents.TYPE), record.value());
    }

    @Override
    public void close() {
        renditions.close();
        ingest.close();
    }
}

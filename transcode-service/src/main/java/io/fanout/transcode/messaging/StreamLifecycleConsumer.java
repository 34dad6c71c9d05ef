package io.fanout.transcode.messaging;

import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.stream.StreamEnded;
import io.fanout.contracts.stream.StreamResumed;
import io.fanout.contracts.stream.StreamStarted;
import io.fanout.contracts.transcode.LadderFailed;
import io.fanout.contracts.transcode.LadderStarted;
import io.fanout.contracts.transcode.LadderStopped;
import io.fanout.contracts.transcode.RenditionReady;
import io.fanout.contracts.transcode.Rung;
import io.fanout.servicekit.messaging.CloudEventMessages;
import io.fanout.servicekit.outbox.OutboxConfig;
import io.fanout.transcode.config.TranscodeConfig;
import io.fanout.transcode.domain.Ladder;
import io.fanout.transcode.runner.LadderRunner;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code stream-lifecycle}: a started (or resumed) session gets its ladder, an ended one
 * loses it, and {@code renditions} says so ({@code ladder.started} and {@code rendition.ready} once
 * encoded bytes flow, {@code ladder.failed} if the encode breaks, {@code ladder.stopped} at the end). This service
 * keeps no database, so it emits directly; replays within a run are dropped by the stream's sequence.
 * Records it cannot read go to {@code stream-lifecycle.dlq}.
 */
@ApplicationScoped
public class StreamLifecycleConsumer {

    private final LadderRunner runner;
    private final MutinyEmitter<byte[]> renditions;
    private final TranscodeConfig config;
    private final String source;
    private final Map<String, Long> lastSequence = new ConcurrentHashMap<>();

    public StreamLifecycleConsumer(LadderRunner runner, @Channel("renditions") MutinyEmitter<byte[]> renditions,
            TranscodeConfig config, OutboxConfig events) {
        this.runner = runner;
        this.renditions = renditions;
        this.config = config;
        this.source = events.source();
    }

    @Incoming("stream-lifecycle")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        FanoutEvent event = CloudEventMessages.read(record);
        if (event instanceof StreamStarted started && isNew(started.streamId(), started.sequence())) {
            start(started.streamId(), started.partnerId(), started.sessionId());
        } else if (event instanceof StreamResumed resumed && isNew(resumed.streamId(), resumed.sequence())) {
            // The encoder is back inside the reconnect window: the ladder that broke with it starts again.
            start(resumed.streamId(), resumed.partnerId(), resumed.sessionId());
        } else if (event instanceof StreamEnded ended && isNew(ended.streamId(), ended.sequence())) {
            if (runner.stop(ended.streamId())) {
                emit(new LadderStopped(ended.streamId(), ended.partnerId(), ended.sessionId(), Instant.now()));
            }
        }
    }

    private void start(String stream, String partner, String session) {
        runner.start(stream, Ladder.DEFAULT, new LadderRunner.Listener() {
            @Override
            public void producing() {
                Rung first = Ladder.DEFAULT.get(0);
                emit(new LadderStarted(stream, partner, session, Instant.now(),
                        config.playerBaseUrl() + "/" + Ladder.outputName(stream, first) + ".m3u8", Ladder.DEFAULT));
                for (Rung rung : Ladder.DEFAULT) {
                    emit(new RenditionReady(stream, partner, session, Instant.now(), rung,
                            config.outputUrl() + "/" + Ladder.outputName(stream, rung)));
                }
            }

            @Override
            public void broke(String reason) {
                emit(new LadderFailed(stream, partner, session, Instant.now(), reason));
            }
        });
    }

    private boolean isNew(String streamId, long sequence) {
        long before = lastSequence.getOrDefault(streamId, 0L);
        if (sequence <= before) {
            return false;
        }
        lastSequence.put(streamId, sequence);
        return true;
    }

    private void emit(FanoutEvent event) {
        renditions.sendMessageAndAwait(CloudEventMessages.of(event, source));
    }
}

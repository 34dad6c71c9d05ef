package io.fanout.contracts;

import io.fanout.contracts.catalog.MatchCancelled;
import io.fanout.contracts.catalog.MatchEnded;
import io.fanout.contracts.catalog.MatchLate;
import io.fanout.contracts.catalog.MatchLive;
import io.fanout.contracts.catalog.MatchScheduled;
import io.fanout.contracts.catalog.MatchUpdated;
import io.fanout.contracts.destination.DestinationCreated;
import io.fanout.contracts.fixture.FixtureCancelled;
import io.fanout.contracts.fixture.FixtureUpserted;
import io.fanout.contracts.partner.CredentialRevoked;
import io.fanout.contracts.push.PushBroadcasting;
import io.fanout.contracts.push.PushDegraded;
import io.fanout.contracts.push.PushExhausted;
import io.fanout.contracts.push.PushFailed;
import io.fanout.contracts.push.PushRetrying;
import io.fanout.contracts.push.PushStarting;
import io.fanout.contracts.push.PushPreflight;
import io.fanout.contracts.push.PushStopped;
import io.fanout.contracts.stream.StreamCreated;
import io.fanout.contracts.stream.StreamDisabled;
import io.fanout.contracts.stream.StreamEnabled;
import io.fanout.contracts.stream.StreamEnded;
import io.fanout.contracts.stream.StreamHealth;
import io.fanout.contracts.stream.StreamInterrupted;
import io.fanout.contracts.stream.StreamKeyRotated;
import io.fanout.contracts.stream.StreamResumed;
import io.fanout.contracts.stream.StreamStarted;
import io.fanout.contracts.transcode.LadderFailed;
import io.fanout.contracts.transcode.LadderStarted;
import io.fanout.contracts.transcode.LadderStopped;
import io.fanout.contracts.transcode.RecordingReady;
import io.fanout.contracts.transcode.RenditionReady;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event type of Fanout: its CloudEvents type, the topic it travels on and the record that is
 * its payload. This is the platform's event table in code; the AsyncAPI document and the golden
 * files are checked against it.
 */
public enum EventType {
    STREAM_CREATED("stream.created", Topics.STREAM_LIFECYCLE, StreamCreated.class),
    STREAM_STARTED("stream.started", Topics.STREAM_LIFECYCLE, StreamStarted.class),
    STREAM_INTERRUPTED("stream.interrupted", Topics.STREAM_LIFECYCLE, StreamInterrupted.class),
    STREAM_RESUMED("stream.resumed", Topics.STREAM_LIFECYCLE, StreamResumed.class),
    STREAM_ENDED("stream.ended", Topics.STREAM_LIFECYCLE, StreamEnded.class),
    STREAM_DISABLED("stream.disabled", Topics.STREAM_LIFECYCLE, StreamDisabled.class),
    STREAM_ENABLED("stream.enabled", Topics.STREAM_LIFECYCLE, StreamEnabled.class),
    STREAM_KEY_ROTATED("stream.key-rotated", Topics.STREAM_LIFECYCLE, StreamKeyRotated.class),
    STREAM_HEALTH("stream.health", Topics.STREAM_HEALTH, StreamHealth.class),
    LADDER_STARTED("ladder.started", Topics.RENDITIONS, LadderStarted.class),
    RENDITION_READY("rendition.ready", Topics.RENDITIONS, RenditionReady.class),
    LADDER_FAILED("ladder.failed", Topics.RENDITIONS, LadderFailed.class),
    LADDER_STOPPED("ladder.stopped", Topics.RENDITIONS, LadderStopped.class),
    RECORDING_READY("recording.ready", Topics.RENDITIONS, RecordingReady.class),
    PUSH_STARTING("push.starting", Topics.PUSH_STATUS, PushStarting.class),
    PUSH_BROADCASTING("push.broadcasting", Topics.PUSH_STATUS, PushBroadcasting.class),
    PUSH_RETRYING("push.retrying", Topics.PUSH_STATUS, PushRetrying.class),
    PUSH_EXHAUSTED("push.exhausted", Topics.PUSH_STATUS, PushExhausted.class),
    PUSH_FAILED("push.failed", Topics.PUSH_STATUS, PushFailed.class),
    PUSH_STOPPED("push.stopped", Topics.PUSH_STATUS, PushStopped.class),
    PUSH_PREFLIGHT("push.preflight", Topics.PUSH_STATUS, PushPreflight.class),
    PUSH_DEGRADED("push.degraded", Topics.PUSH_STATUS, PushDegraded.class),
    DESTINATION_CREATED("destination.created", Topics.DESTINATIONS, DestinationCreated.class),
    MATCH_SCHEDULED("match.scheduled", Topics.CATALOG_EVENTS, MatchScheduled.class),
    MATCH_UPDATED("match.updated", Topics.CATALOG_EVENTS, MatchUpdated.class),
    MATCH_LIVE("match.live", Topics.CATALOG_EVENTS, MatchLive.class),
    MATCH_ENDED("match.ended", Topics.CATALOG_EVENTS, MatchEnded.class),
    MATCH_CANCELLED("match.cancelled", Topics.CATALOG_EVENTS, MatchCancelled.class),
    MATCH_LATE("match.late", Topics.CATALOG_EVENTS, MatchLate.class),
    FIXTURE_UPSERTED("fixture.upserted", Topics.UPSTREAM_FIXTURES, FixtureUpserted.class),
    FIXTURE_CANCELLED("fixture.cancelled", Topics.UPSTREAM_FIXTURES, FixtureCancelled.class),
    CREDENTIAL_REVOKED("credential.revoked", Topics.PARTNER_CREDENTIALS, CredentialRevoked.class);

    /** Prefix of every CloudEvents type Fanout defines. */
    public static final String PREFIX = "fanout.";
    /** Version suffix of the current payloads; a breaking change gets a new type, not a new shape. */
    public static final String VERSION = ".v1";

    private static final Map<String, EventType> BY_CE_TYPE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::ceType, Function.identity()));
    private static final Map<Class<?>, EventType> BY_RECORD = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::recordType, Function.identity()));

    private final String shortName;
    private final String topic;
    private final Class<? extends FanoutEvent> recordType;

    EventType(String shortName, String topic, Class<? extends FanoutEvent> recordType) {
        this.shortName = shortName;
        this.topic = topic;
        this.recordType = recordType;
    }

    /** The short name, such as {@code stream.started}. */
    public String shortName() {
        return shortName;
    }

    /** The CloudEvents {@code ce_type}, such as {@code fanout.stream.started.v1}. */
    public String ceType() {
        return PREFIX + shortName + VERSION;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends FanoutEvent> recordType() {
        return recordType;
    }

    /** The type of an event record. */
    public static EventType of(FanoutEvent event) {
        EventType type = BY_RECORD.get(event.getClass());
        if (type == null) {
            throw new IllegalArgumentException("not a Fanout event record: " + event.getClass().getName());
        }
        return type;
    }

    /**
     * The type for a {@code ce_type} header value.
     *
     * @throws IllegalArgumentException for a type Fanout does not define (a consumer parks such a record)
     */
    public static EventType ofCeType(String ceType) {
        EventType type = ceType == null ? null : BY_CE_TYPE.get(ceType);
        if (type == null) {
            throw new IllegalArgumentException("unknown event type: " + ceType);
        }
        return type;
    }
}

package io.fanout.contracts;

import io.fanout.contracts.catalog.MatchCancelled;
import io.fanout.contracts.catalog.MatchDetails;
import io.fanout.contracts.catalog.MatchEnded;
import io.fanout.contracts.catalog.MatchLate;
import io.fanout.contracts.catalog.MatchStatus;
import io.fanout.contracts.catalog.Participant;
import io.fanout.contracts.catalog.PlannedDestination;
import io.fanout.contracts.catalog.MatchLive;
import io.fanout.contracts.catalog.MatchScheduled;
import io.fanout.contracts.catalog.MatchUpdated;
import io.fanout.contracts.destination.DestinationCreated;
import io.fanout.contracts.fixture.FixtureCancelled;
import io.fanout.contracts.fixture.FixtureUpserted;
import io.fanout.contracts.partner.CredentialRevoked;
import io.fanout.contracts.push.FailureCause;
import io.fanout.contracts.push.Network;
import io.fanout.contracts.push.PushBroadcasting;
import io.fanout.contracts.push.PushDegraded;
import io.fanout.contracts.push.PushExhausted;
import io.fanout.contracts.push.PushFailed;
import io.fanout.contracts.push.PushRetrying;
import io.fanout.contracts.push.PushStarting;
import io.fanout.contracts.push.PreflightCheck;
import io.fanout.contracts.push.PreflightViolation;
import io.fanout.contracts.push.PushPreflight;
import io.fanout.contracts.push.PushStopped;
import io.fanout.contracts.push.StopReason;
import io.fanout.contracts.stream.EndReason;
import io.fanout.contracts.stream.HealthWarning;
import io.fanout.contracts.stream.LadderSetting;
import io.fanout.contracts.stream.StreamCreated;
import io.fanout.contracts.stream.StreamDisabled;
import io.fanout.contracts.stream.StreamEnabled;
import io.fanout.contracts.stream.StreamEnded;
import io.fanout.contracts.stream.StreamMedia;
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
import io.fanout.contracts.transcode.Rung;
import java.time.Instant;
import java.util.List;

/** One realistic instance of every event type: the values the golden files hold. */
final class Samples {

    static final String STREAM = "3f6c1a52-7d0e-4b8e-9a51-0c2f4e6b8d10";
    static final String PARTNER = "7a1e5c9b-2f4d-4e6a-8b0c-1d3f5a7c9e21";
    static final String SESSION = "b5d7f9a1-3c5e-4a7b-9d1f-2e4a6c8e0f32";
    static final String TARGET = "c8e0a2b4-6d8f-4b1c-8e3a-5f7b9d1f3a43";
    static final String DESTINATION = "d1f3b5c7-9e1a-4c3d-9f5b-7a9c1e3a5b54";
    static final String EVENT = "e4a6c8e0-2b4d-4f6a-8c1e-9b1d3f5b7c65";
    static final String CREDENTIAL = "f7b9d1f3-5a7c-4e9b-8d2f-0c4e6a8c1d76";
    static final Instant AT = Instant.parse("2026-06-14T13:00:05Z");
    static final Rung R720 = new Rung("720p", 1280, 720, 3000, 128);
    static final List<Participant> PLAYERS = List.of(new Participant("C. Alcaraz", "player"),
            new Participant("J. Sinner", "player"));
    static final MatchDetails FINAL = new MatchDetails("tennis", "Queen's Club Championships", "Final",
            "Alcaraz v Sinner", PLAYERS, "Centre Court, London", Instant.parse("2026-06-14T13:00:00Z"),
            Instant.parse("2026-06-14T16:00:00Z"), MatchStatus.SCHEDULED, STREAM, List.of(new PlannedDestination(
                    DESTINATION, "{competition} {stage}: {participants}",
                    "Queen's Club Championships Final: C. Alcaraz v J. Sinner")));

    private Samples() {
    }

    static FanoutEvent of(EventType type) {
        return switch (type) {
            case STREAM_CREATED -> new StreamCreated(STREAM, PARTNER, 1, AT, "Queen's final, court 1", 60, false);
            case STREAM_STARTED -> new StreamStarted(STREAM, PARTNER, 2, AT, SESSION,
                    new StreamMedia(LadderSetting.STANDARD, true));
            case STREAM_INTERRUPTED -> new StreamInterrupted(STREAM, PARTNER, 3, AT, SESSION, AT.plusSeconds(60));
            case STREAM_RESUMED -> new StreamResumed(STREAM, PARTNER, 4, AT, SESSION,
                    new StreamMedia(LadderSetting.STANDARD, true));
            case STREAM_ENDED -> new StreamEnded(STREAM, PARTNER, 5, AT, SESSION, EndReason.RECONNECT_WINDOW_EXPIRED);
            case STREAM_DISABLED -> new StreamDisabled(STREAM, PARTNER, 6, AT);
            case STREAM_ENABLED -> new StreamEnabled(STREAM, PARTNER, 7, AT);
            case STREAM_KEY_ROTATED -> new StreamKeyRotated(STREAM, PARTNER, 7, AT);
            case STREAM_HEALTH -> new StreamHealth(STREAM, PARTNER, SESSION, AT, "h264", "aac", 1920, 1080, 29.97,
                    6000, 2.0, List.of(HealthWarning.BITRATE_OFF_DECLARED));
            case LADDER_STARTED -> new LadderStarted(STREAM, PARTNER, SESSION, AT,
                    "http://transcode.fanout.local/hls/" + STREAM + "/master.m3u8",
                    "http://transcode.fanout.local/watch/" + STREAM, List.of(R720, new Rung("480p", 854, 480, 1200, 96)));
            case RENDITION_READY -> new RenditionReady(STREAM, PARTNER, SESSION, AT, R720,
                    "rtmp://edge.fanout.local:1935/renditions/" + STREAM + "_720p");
            case LADDER_FAILED -> new LadderFailed(STREAM, PARTNER, SESSION, AT, "ffmpeg exited with code 1: no video stream");
            case LADDER_STOPPED -> new LadderStopped(STREAM, PARTNER, SESSION, AT);
            case RECORDING_READY -> new RecordingReady(STREAM, PARTNER, SESSION, AT,
                    "http://transcode.fanout.local/vod/" + STREAM + "/" + SESSION + "/master.m3u8", 5412.5, List.of(R720));
            case PUSH_STARTING -> new PushStarting(TARGET, STREAM, PARTNER, SESSION, DESTINATION, Network.YOUTUBE, AT, 1);
            case PUSH_BROADCASTING -> new PushBroadcasting(TARGET, STREAM, PARTNER, SESSION, DESTINATION,
                    Network.YOUTUBE, AT, 1);
            case PUSH_RETRYING -> new PushRetrying(TARGET, STREAM, PARTNER, SESSION, DESTINATION, Network.TWITCH, AT, 2,
                    AT.plusSeconds(4), "connection refused");
            case PUSH_EXHAUSTED -> new PushExhausted(TARGET, STREAM, PARTNER, SESSION, DESTINATION, Network.RTMP, AT, 10,
                    "connection refused");
            case PUSH_FAILED -> new PushFailed(TARGET, STREAM, PARTNER, SESSION, DESTINATION, Network.FACEBOOK, AT,
                    FailureCause.CREDENTIALS_REFUSED, "Graph API: (#200) permissions error");
            case PUSH_STOPPED -> new PushStopped(TARGET, STREAM, PARTNER, SESSION, DESTINATION, Network.X, AT,
                    StopReason.STREAM_ENDED);
            case PUSH_DEGRADED -> new PushDegraded(TARGET, STREAM, PARTNER, SESSION, DESTINATION, Network.YOUTUBE, AT, 1,
                    "YouTube transition live: HTTP 403 invalidTransition");
            case PUSH_PREFLIGHT -> new PushPreflight(TARGET, STREAM, PARTNER, SESSION, DESTINATION, Network.TWITCH, AT,
                    List.of(new PreflightViolation(PreflightCheck.KEYFRAME_INTERVAL,
                            "keyframes every 4.0 s; twitch accepts at most 2.0 s")));
            case MATCH_SCHEDULED -> new MatchScheduled(EVENT, PARTNER, 1, AT, FINAL);
            case MATCH_UPDATED -> new MatchUpdated(EVENT, PARTNER, 2, AT, FINAL);
            case MATCH_LIVE -> new MatchLive(EVENT, PARTNER, 3, AT, STREAM);
            case MATCH_ENDED -> new MatchEnded(EVENT, PARTNER, 4, AT);
            case MATCH_CANCELLED -> new MatchCancelled(EVENT, PARTNER, 5, AT, "rain");
            case MATCH_LATE -> new MatchLate(EVENT, PARTNER, 2, AT, Instant.parse("2026-06-14T13:00:00Z"), 300);
            case DESTINATION_CREATED -> new DestinationCreated(DESTINATION, PARTNER, AT, "Main YouTube channel",
                    Network.YOUTUBE);
            case FIXTURE_UPSERTED -> new FixtureUpserted("atp", "2026-queens-f", PARTNER, 17, AT, "tennis",
                    "Queen's Club Championships", "Final", null, PLAYERS, "Centre Court, London",
                    Instant.parse("2026-06-14T13:00:00Z"), Instant.parse("2026-06-14T16:00:00Z"));
            case FIXTURE_CANCELLED -> new FixtureCancelled("atp", "2026-queens-f", PARTNER, 18, AT, "rain");
            case CREDENTIAL_REVOKED -> new CredentialRevoked(CREDENTIAL, PARTNER, AT, Instant.parse("2027-06-14T13:00:05Z"));
        };
    }
}

package io.fanout.catalog;

import io.fanout.contracts.catalog.Participant;
import io.fanout.contracts.destination.DestinationCreated;
import io.fanout.contracts.fixture.FixtureCancelled;
import io.fanout.contracts.fixture.FixtureUpserted;
import io.fanout.contracts.push.Network;
import io.fanout.contracts.push.PushBroadcasting;
import io.fanout.contracts.push.PushRetrying;
import io.fanout.contracts.push.PushStarting;
import io.fanout.contracts.stream.EndReason;
import io.fanout.contracts.stream.StreamCreated;
import io.fanout.contracts.stream.StreamEnded;
import io.fanout.contracts.stream.StreamHealth;
import io.fanout.contracts.stream.StreamInterrupted;
import io.fanout.contracts.stream.StreamResumed;
import io.fanout.contracts.stream.StreamStarted;
import io.fanout.contracts.transcode.LadderStarted;
import io.fanout.contracts.transcode.Rung;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Builders of the events the catalog consumes, as their producers send them. */
final class Events {

    private Events() {
    }

    static StreamCreated streamCreated(UUID stream, UUID partner) {
        return new StreamCreated(stream.toString(), partner.toString(), 1, Instant.now(), "Court 1", 60, false);
    }

    static StreamStarted streamStarted(UUID stream, UUID partner, long sequence, UUID session) {
        return new StreamStarted(stream.toString(), partner.toString(), sequence, Instant.now(), session.toString());
    }

    static StreamInterrupted streamInterrupted(UUID stream, UUID partner, long sequence, UUID session) {
        return new StreamInterrupted(stream.toString(), partner.toString(), sequence, Instant.now(), session.toString(),
                Instant.now().plusSeconds(60));
    }

    static StreamResumed streamResumed(UUID stream, UUID partner, long sequence, UUID session) {
        return new StreamResumed(stream.toString(), partner.toString(), sequence, Instant.now(), session.toString());
    }

    static StreamEnded streamEnded(UUID stream, UUID partner, long sequence, UUID session) {
        return new StreamEnded(stream.toString(), partner.toString(), sequence, Instant.now(), session.toString(),
                EndReason.COMPLETED);
    }

    static StreamHealth streamHealth(UUID stream, UUID partner, UUID session) {
        return new StreamHealth(stream.toString(), partner.toString(), session.toString(), Instant.now(), "h264", "aac",
                1280, 720, 30.0, 2500, 2.0, List.of());
    }

    static DestinationCreated destinationCreated(UUID destination, UUID partner, String name, Network network) {
        return new DestinationCreated(destination.toString(), partner.toString(), Instant.now(), name, network);
    }

    static PushStarting pushStarting(UUID target, UUID stream, UUID partner, UUID session, UUID destination) {
        return new PushStarting(target.toString(), stream.toString(), partner.toString(), session.toString(),
                destination.toString(), Network.YOUTUBE, Instant.now(), 1);
    }

    static PushBroadcasting pushBroadcasting(UUID target, UUID stream, UUID partner, UUID session, UUID destination) {
        return new PushBroadcasting(target.toString(), stream.toString(), partner.toString(), session.toString(),
                destination.toString(), Network.YOUTUBE, Instant.now(), 1);
    }

    static PushRetrying pushRetrying(UUID target, UUID stream, UUID partner, UUID session, UUID destination, String reason) {
        return new PushRetrying(target.toString(), stream.toString(), partner.toString(), session.toString(),
                destination.toString(), Network.TWITCH, Instant.now(), 2, Instant.now().plusSeconds(4), reason);
    }

    static LadderStarted ladderStarted(UUID stream, UUID partner, UUID session, String playerUrl) {
        return new LadderStarted(stream.toString(), partner.toString(), session.toString(), Instant.now(), playerUrl,
                playerUrl.replace("/hls/", "/watch/"), List.of(new Rung("360p", 640, 360, 800, 96)));
    }

    /** A tennis fixture of {@code provider} for {@code partner}, version {@code version}, starting in a day. */
    static FixtureUpserted fixture(String provider, String fixtureId, UUID partner, long version) {
        return new FixtureUpserted(provider, fixtureId, partner.toString(), version, Instant.now(), "tennis",
                "Queen's Club Championships", "Quarter-final", null,
                List.of(new Participant("C. Alcaraz", "player"), new Participant("J. Sinner", "player")),
                "Centre Court, London", Instant.parse("2027-06-14T13:00:00Z"), Instant.parse("2027-06-14T16:00:00Z"));
    }

    static FixtureUpserted withVenue(FixtureUpserted f, String venue) {
        return new FixtureUpserted(f.provider(), f.fixtureId(), f.partnerId(), f.providerVersion(), f.occurredAt(),
                f.sport(), f.competition(), f.stage(), f.title(), f.participants(), venue, f.scheduledStart(),
                f.scheduledEnd());
    }

    static FixtureUpserted withStart(FixtureUpserted f, Instant start) {
        return new FixtureUpserted(f.provider(), f.fixtureId(), f.partnerId(), f.providerVersion(), f.occurredAt(),
                f.sport(), f.competition(), f.stage(), f.title(), f.participants(), f.venue(), start, null);
    }

    static FixtureCancelled fixtureCancelled(String provider, String fixtureId, UUID partner, long version) {
        return new FixtureCancelled(provider, fixtureId, partner.toString(), version, Instant.now(), "rain");
    }
}

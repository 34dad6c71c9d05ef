package io.fanout.catalog.domain;

import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.catalog.Participant;
import io.fanout.contracts.fixture.FixtureCancelled;
import io.fanout.contracts.fixture.FixtureUpserted;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Turns what an upstream system published into a {@link Fixture}, or says precisely why it cannot:
 * a missing or malformed field, an unknown sport or role, a key that is not {@code provider:fixtureId}.
 * Every refusal is an {@link IllegalArgumentException} whose message is the dead-letter reason.
 */
public final class FixtureCheck {

    public static final Pattern PROVIDER = Pattern.compile("[a-z0-9][a-z0-9.-]{0,63}");
    public static final int MAX_COMPETITORS = 50;
    public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private FixtureCheck() {
    }

    /** The fixture an event describes; {@code key} is the Kafka record's key. */
    public static Fixture check(FanoutEvent event, String key) {
        if (event instanceof FixtureUpserted upserted) {
            Fixture ids = ids(upserted.provider(), upserted.fixtureId(), upserted.partnerId(), upserted.providerVersion(),
                    key);
            return new Fixture(ids.partnerId(), ids.provider(), ids.fixtureId(), ids.version(), fields(upserted), null);
        }
        if (event instanceof FixtureCancelled cancelled) {
            Fixture ids = ids(cancelled.provider(), cancelled.fixtureId(), cancelled.partnerId(),
                    cancelled.providerVersion(), key);
            return new Fixture(ids.partnerId(), ids.provider(), ids.fixtureId(), ids.version(), null,
                    Text.optional("reason", cancelled.reason(), 500));
        }
        throw new IllegalArgumentException("not a fixture event: " + event.getClass().getSimpleName());
    }

    private static Fixture ids(String provider, String fixtureId, String partnerId, long version, String key) {
        if (provider == null || !PROVIDER.matcher(provider).matches()) {
            throw new IllegalArgumentException("provider " + Sport.quoted(provider)
                    + " is not a provider name (a-z, 0-9, '.', '-'; at most 64)");
        }
        String id = Text.required("fixtureId", fixtureId, 200);
        if (!(provider + ":" + id).equals(key)) {
            throw new IllegalArgumentException("record key " + Sport.quoted(key) + " is not provider:fixtureId ("
                    + provider + ":" + id + ")");
        }
        UUID partner;
        try {
            partner = UUID.fromString(partnerId == null ? "" : partnerId);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("partnerId " + Sport.quoted(partnerId) + " is not a partner id");
        }
        if (version < 1) {
            throw new IllegalArgumentException("providerVersion " + version + " is below 1");
        }
        return new Fixture(partner, provider, id, version, null, null);
    }

    private static MatchFields fields(FixtureUpserted f) {
        Sport sport = Sport.of(f.sport());
        String competition = Text.required("competition", f.competition(), 200);
        String stage = Text.optional("stage", f.stage(), 100);
        List<Competitor> competitors = competitors(f.participants());
        String title = Text.optional("title", f.title(), 300);
        if (title == null) {
            if (competitors.isEmpty()) {
                throw new IllegalArgumentException("title is missing and there are no participants to make one from");
            }
            title = MatchFields.titleOf(competitors);
        }
        String venue = Text.optional("venue", f.venue(), 200);
        Instant start = time("scheduledStart", f.scheduledStart());
        if (start == null) {
            throw new IllegalArgumentException("scheduledStart is missing");
        }
        Instant end = time("scheduledEnd", f.scheduledEnd());
        if (end != null && !end.isAfter(start)) {
            throw new IllegalArgumentException("scheduledEnd is not after scheduledStart");
        }
        return new MatchFields(sport, competition, stage, title, competitors, venue, start, end);
    }

    private static List<Competitor> competitors(List<Participant> participants) {
        if (participants == null) {
            return List.of();
        }
        if (participants.size() > MAX_COMPETITORS) {
            throw new IllegalArgumentException("more than " + MAX_COMPETITORS + " participants");
        }
        List<Competitor> competitors = new ArrayList<>();
        for (int i = 0; i < participants.size(); i++) {
            Participant p = participants.get(i);
            if (p == null) {
                throw new IllegalArgumentException("participants[" + i + "] is null");
            }
            String name = Text.required("participants[" + i + "].name", p.name(), 200);
            Competitor.Role role;
            try {
                role = Competitor.Role.of(p.role());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("participants[" + i + "]." + e.getMessage());
            }
            competitors.add(new Competitor(name, role));
        }
        return competitors;
    }

    /** A time in range, to the microsecond (what the catalog stores). */
    private static Instant time(String field, Instant value) {
        if (value != null && (value.isBefore(EARLIEST) || value.isAfter(LATEST))) {
            throw new IllegalArgumentException(field + " " + value + " is outside the years 1900-9999");
        }
        return value == null ? null : value.truncatedTo(ChronoUnit.MICROS);
    }
}

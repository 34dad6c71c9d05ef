package io.fanout.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MatchTest {

    private static final Instant START = Instant.parse("2027-06-14T13:00:00Z");
    private static final MatchFields FIELDS = new MatchFields(Sport.RUGBY, "Six Nations", null, "France v Ireland",
            List.of(), null, START, null);
    private final Match scheduled = Match.schedule(UUID.randomUUID(), UUID.randomUUID(), FIELDS, null, List.of(), null,
            START.minusSeconds(86_400)).match();

    @Test
    void theStatusTableAllowsOnlyTheDesignedTransitions() {
        assertThat(MatchState.SCHEDULED.canBecome(MatchState.LIVE)).isTrue();
        assertThat(MatchState.SCHEDULED.canBecome(MatchState.POSTPONED)).isTrue();
        assertThat(MatchState.POSTPONED.canBecome(MatchState.SCHEDULED)).isTrue();
        assertThat(MatchState.POSTPONED.canBecome(MatchState.LIVE)).isFalse();
        assertThat(MatchState.LIVE.canBecome(MatchState.ENDED)).isTrue();
        assertThat(MatchState.LIVE.canBecome(MatchState.CANCELLED)).isFalse();
        assertThat(MatchState.ENDED.isFinal()).isTrue();
        assertThat(MatchState.CANCELLED.isFinal()).isTrue();
    }

    @Test
    void everyChangeIsOneVersionHigherAndARepeatChangesNothing() {
        Match live = scheduled.goLive(START).orElseThrow().match();
        assertThat(live.version()).isEqualTo(2);
        assertThat(live.liveAt()).isEqualTo(START);
        assertThat(live.goLive(START.plusSeconds(1))).isEmpty();
        Match ended = live.end(START.plusSeconds(7200)).orElseThrow().match();
        assertThat(ended.version()).isEqualTo(3);
        assertThat(ended.end(START.plusSeconds(7201))).isEmpty();
        assertThat(scheduled.withFields(FIELDS, START)).isEmpty();
    }

    @Test
    void aLiveMatchCannotBeCancelledRepostponedOrMovedToAnotherStream() {
        Match live = scheduled.goLive(START).orElseThrow().match();
        assertThatThrownBy(() -> live.cancel("rain", START)).isInstanceOf(RefusedChange.class);
        assertThatThrownBy(() -> live.withStatus(MatchState.POSTPONED, START)).isInstanceOf(RefusedChange.class);
        assertThatThrownBy(() -> live.bind(UUID.randomUUID(), START)).isInstanceOf(RefusedChange.class);
        assertThatThrownBy(() -> scheduled.withStatus(MatchState.LIVE, START)).isInstanceOf(RefusedChange.class);
    }

    @Test
    void lateOnceAfterTheGraceAndNoLongerLateWhenItsStartMoves() {
        Duration grace = Duration.ofMinutes(5);
        assertThat(scheduled.flagLateIfDue(grace, START.plusSeconds(299))).isEmpty();
        Match late = scheduled.flagLateIfDue(grace, START.plusSeconds(300)).orElseThrow().match();
        assertThat(late.late()).isTrue();
        assertThat(late.flagLateIfDue(grace, START.plusSeconds(900))).isEmpty();
        MatchFields moved = new MatchFields(FIELDS.sport(), FIELDS.competition(), null, FIELDS.title(), List.of(), null,
                START.plusSeconds(3600), null);
        assertThat(late.withFields(moved, START.plusSeconds(400)).orElseThrow().match().late()).isFalse();
    }

    @Test
    void aSessionCarriesTheFirstScheduledMatchOfItsStreamUnlessOneIsLive() {
        UUID stream = UUID.randomUUID();
        Match later = bound(stream, START.plusSeconds(7200));
        Match sooner = bound(stream, START);
        assertThat(BoundMatches.toGoLive(List.of(later, sooner))).contains(sooner);
        Match live = sooner.goLive(START).orElseThrow().match();
        assertThat(BoundMatches.toGoLive(List.of(later, live))).isEmpty();
        Match ended = live.end(START.plusSeconds(3600)).orElseThrow().match();
        assertThat(BoundMatches.toGoLive(List.of(later, ended))).contains(later);
    }

    private static Match bound(UUID stream, Instant start) {
        return Match.schedule(UUID.randomUUID(), UUID.randomUUID(), new MatchFields(Sport.TENNIS, "Open", null, "M",
                List.of(), null, start, null), stream, List.of(), null, start.minusSeconds(86_400)).match();
    }
}

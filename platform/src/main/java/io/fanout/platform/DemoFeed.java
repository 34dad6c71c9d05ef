package io.fanout.platform;

import io.fanout.contracts.FanoutEvent;
import io.fanout.contracts.catalog.Participant;
import io.fanout.contracts.fixture.FixtureUpserted;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's upstream feed, as a provider would publish it for the demo partner: a day of a tennis
 * tournament on one court (its first match starting in two minutes, the next ones every 90 minutes)
 * and a rugby match in the evening.
 */
final class DemoFeed {

    static final String PROVIDER = "demo-league";

    private record Tennis(String stage, String home, String away) {
    }

    private static final List<Tennis> ORDER_OF_PLAY = List.of(
            new Tennis("Quarter-final", "C. Alcaraz", "J. Sinner"),
            new Tennis("Quarter-final", "T. Fritz", "A. de Minaur"),
            new Tennis("Quarter-final", "H. Hurkacz", "B. Shelton"),
            new Tennis("Quarter-final", "G. Dimitrov", "J. Draper"));

    private DemoFeed() {
    }

    static List<FanoutEvent> today(String partnerId, Instant now) {
        Instant first = now.plus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
        List<FanoutEvent> fixtures = new ArrayList<>();
        for (int i = 0; i < ORDER_OF_PLAY.size(); i++) {
            Tennis match = ORDER_OF_PLAY.get(i);
            Instant start = first.plus(Duration.ofMinutes(90L * i));
            fixtures.add(new FixtureUpserted(PROVIDER, "queens-" + now.toEpochMilli() + "-qf" + (i + 1), partnerId, 1, now,
                    "tennis", "Queen's Club Championships", match.stage(), null,
                    List.of(new Participant(match.home(), "player"), new Participant(match.away(), "player")),
                    "Centre Court, London", start, null));
        }
        Instant evening = first.plus(Duration.ofHours(7));
        fixtures.add(new FixtureUpserted(PROVIDER, "rugby-" + now.toEpochMilli(), partnerId, 1, now, "rugby",
                "Demo Rugby Cup", "Final", null, List.of(new Participant("Lions", "home"), new Participant("Tigers", "away")),
                "Demo Stadium", evening, evening.plus(Duration.ofHours(2))));
        return fixtures;
    }

    /** The first match of the day (the demo stream carries it). */
    static String firstTitle() {
        return ORDER_OF_PLAY.get(0).home() + " v " + ORDER_OF_PLAY.get(0).away();
    }
}

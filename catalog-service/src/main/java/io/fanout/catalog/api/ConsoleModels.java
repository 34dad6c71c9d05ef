package io.fanout.catalog.api;

import io.fanout.catalog.api.LiveModels.DestinationView;
import io.fanout.catalog.api.LiveModels.LiveView;
import io.fanout.catalog.api.MatchModels.MatchView;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** What the partner console's templates show: one day of matches, each with its live view. */
public final class ConsoleModels {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private ConsoleModels() {
    }

    /** One destination of a match and where its push stands, in words. */
    public record ConsoleDestination(String name, String network, String state, String detail) {

        static ConsoleDestination of(DestinationView d) {
            String state = d.push() == null ? "waiting" : d.push().state() == null ? "waiting" : d.push().state();
            String detail = d.push() == null ? "" : d.push().reason() == null ? "" : d.push().reason();
            if (d.push() != null && d.push().attempt() != null && d.push().attempt() > 1) {
                detail = ("attempt " + d.push().attempt() + (detail.isEmpty() ? "" : ": " + detail));
            }
            return new ConsoleDestination(d.name() == null ? d.destinationId().toString() : d.name(),
                    d.network() == null ? "" : d.network(), state, detail);
        }
    }

    /** One match of the day with its stream's state, its player and its destinations. */
    public record ConsoleMatch(String id, String title, String competition, String stage, String time, String status,
            boolean late, String streamState, String playerUrl, List<ConsoleDestination> destinations) {

        static ConsoleMatch of(LiveView live) {
            MatchView m = live.match();
            return new ConsoleMatch(m.id().toString(), m.title(), m.competition(), m.stage() == null ? "" : m.stage(),
                    TIME.format(m.scheduledStart()) + " UTC", m.status(), m.late(),
                    live.stream() == null ? "no stream" : live.stream().state(), live.playerUrl() == null ? "" : live.playerUrl(),
                    live.destinations().stream().map(ConsoleDestination::of).toList());
        }
    }

    /** A day of the partner's matches, with the days before and after it. */
    public record ConsoleDay(LocalDate day, LocalDate previous, LocalDate next, List<ConsoleMatch> matches) {

        public long live() {
            return matches.stream().filter(m -> m.status().equals("live")).count();
        }
    }
}

package io.fanout.catalog.api;

import io.fanout.catalog.api.MatchModels.CreateMatch;
import io.fanout.catalog.api.MatchModels.EditMatch;
import io.fanout.catalog.api.MatchModels.FeedView;
import io.fanout.catalog.api.MatchModels.MatchView;
import io.fanout.catalog.api.MatchModels.ParticipantInput;
import io.fanout.catalog.api.MatchModels.ParticipantView;
import io.fanout.catalog.api.MatchModels.PlanInput;
import io.fanout.catalog.api.MatchModels.PlanView;
import io.fanout.catalog.domain.Competitor;
import io.fanout.catalog.domain.FixtureCheck;
import io.fanout.catalog.domain.Match;
import io.fanout.catalog.domain.MatchFields;
import io.fanout.catalog.domain.MatchState;
import io.fanout.catalog.domain.PlanEntry;
import io.fanout.catalog.domain.Sport;
import io.fanout.catalog.domain.TitleTemplate;
import io.fanout.servicekit.api.Problem;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Between the match API's bodies and the domain: checks what bean validation cannot (a known sport,
 * role, status and placeholders, an end after the start, a title or participants to make one from)
 * as 400s naming the field, and shows a match as partners read it (sport and status in lowercase).
 */
final class MatchMapper {

    private MatchMapper() {
    }

    static MatchFields fields(CreateMatch r) {
        List<Competitor> competitors = competitors(r.participants());
        return checked(new MatchFields(sport(r.sport()), r.competition().trim(), blankToNull(r.stage()),
                titleOr(r.title(), competitors), competitors, blankToNull(r.venue()), r.scheduledStart(), r.scheduledEnd()));
    }

    /** The edit as a function of the match's present fields. */
    static Function<MatchFields, MatchFields> edit(EditMatch r) {
        Sport sport = r.sport() == null ? null : sport(r.sport());
        List<Competitor> competitors = r.participants() == null ? null : competitors(r.participants());
        return f -> {
            List<Competitor> nextCompetitors = competitors == null ? f.competitors() : competitors;
            String title = r.title() != null ? r.title().trim()
                    : competitors != null && f.title().equals(MatchFields.titleOf(f.competitors()))
                            ? titleOr(null, nextCompetitors) : f.title();
            return checked(new MatchFields(sport == null ? f.sport() : sport,
                    r.competition() == null ? f.competition() : r.competition().trim(),
                    r.stage() == null ? f.stage() : blankToNull(r.stage()), title, nextCompetitors,
                    r.venue() == null ? f.venue() : blankToNull(r.venue()),
                    r.scheduledStart() == null ? f.scheduledStart() : r.scheduledStart(),
                    r.scheduledEnd() == null ? f.scheduledEnd() : r.scheduledEnd()));
        };
    }

    static MatchState status(String status) {
        if (status == null) {
            return null;
        }
        try {
            return MatchState.of(status);
        } catch (IllegalArgumentException e) {
            throw Problem.invalidField("status", e.getMessage());
        }
    }

    static Sport sport(String sport) {
        try {
            return Sport.of(sport);
        } catch (IllegalArgumentException e) {
            throw Problem.invalidField("sport", e.getMessage());
        }
    }

    static List<PlanEntry> plan(List<PlanInput> plan, String field) {
        List<PlanEntry> entries = new ArrayList<>();
        for (int i = 0; plan != null && i < plan.size(); i++) {
            try {
                entries.add(new PlanEntry(plan.get(i).destinationId(), TitleTemplate.of(plan.get(i).titleTemplate())));
            } catch (IllegalArgumentException e) {
                throw Problem.invalidField(field + "[" + i + "].titleTemplate", e.getMessage());
            }
        }
        return entries;
    }

    static MatchView view(Match m) {
        MatchFields f = m.fields();
        return new MatchView(m.id(), f.sport().code(), f.competition(), f.stage(), f.title(),
                f.competitors().stream().map(c -> new ParticipantView(c.name(), c.role().code())).toList(), f.venue(),
                f.scheduledStart(), f.scheduledEnd(), m.status().code(), m.late(), m.streamId(),
                m.plan().stream().map(p -> new PlanView(p.destinationId(), p.titleTemplate().text(),
                        p.titleTemplate().render(f))).toList(), m.version(),
                m.source() == null ? null : new FeedView(m.source().provider(), m.source().fixtureId()), m.liveAt(),
                m.endedAt(), m.cancelReason(), m.createdAt(), m.updatedAt());
    }

    private static List<Competitor> competitors(List<ParticipantInput> participants) {
        List<Competitor> competitors = new ArrayList<>();
        for (int i = 0; participants != null && i < participants.size(); i++) {
            ParticipantInput p = participants.get(i);
            try {
                competitors.add(new Competitor(p.name().trim(), Competitor.Role.of(p.role())));
            } catch (IllegalArgumentException e) {
                throw Problem.invalidField("participants[" + i + "].role", e.getMessage());
            }
        }
        return competitors;
    }

    private static String titleOr(String title, List<Competitor> competitors) {
        if (title != null && !title.isBlank()) {
            return title.trim();
        }
        if (competitors.isEmpty()) {
            throw Problem.invalidField("title", "give a title or at least one participant to make one from");
        }
        return MatchFields.titleOf(competitors);
    }

    /** The fields with times in range and to the microsecond (what the catalog stores), the end after the start. */
    private static MatchFields checked(MatchFields f) {
        Instant start = time("scheduledStart", f.scheduledStart());
        Instant end = time("scheduledEnd", f.scheduledEnd());
        if (end != null && !end.isAfter(start)) {
            throw Problem.invalidField("scheduledEnd", "must be after scheduledStart");
        }
        return new MatchFields(f.sport(), f.competition(), f.stage(), f.title(), f.competitors(), f.venue(), start, end);
    }

    private static Instant time(String field, Instant time) {
        if (time != null && (time.isBefore(FixtureCheck.EARLIEST) || time.isAfter(FixtureCheck.LATEST))) {
            throw Problem.invalidField(field, "must be within the years 1900-9999");
        }
        return time == null ? null : time.truncatedTo(ChronoUnit.MICROS);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}

package io.fanout.catalog.persistence;

import io.agroal.api.AgroalDataSource;
import io.fanout.catalog.domain.Match;
import io.fanout.catalog.domain.MatchFields;
import io.fanout.catalog.domain.MatchState;
import io.fanout.catalog.domain.PlanEntry;
import io.fanout.catalog.domain.SearchWords;
import io.fanout.catalog.domain.Sport;
import io.fanout.servicekit.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Matches ({@code match}). Reads that precede a change lock the row ({@code FOR UPDATE}) so two
 * changes of one match apply one after the other; every read for a partner is scoped to it, so
 * another partner's match is as absent as an unknown one. Callers run it inside a transaction.
 */
@ApplicationScoped
public class MatchRepository {

    /** Every column of a match, in the order {@link #read} takes them. */
    private static final String COLUMNS = "id, partner_id, sport, competition, stage, title, participants, venue, "
            + "scheduled_start, scheduled_end, status, late, stream_id, plan, version, provider, fixture_id, live_at, "
            + "ended_at, cancel_reason, created_at, updated_at";

    private final AgroalDataSource dataSource;

    public MatchRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(Match m) {
        insertAll(List.of(m));
    }

    /** Inserts new matches with one batched statement. */
    public void insertAll(List<Match> matches) {
        batch("insert matches", "INSERT INTO match (" + COLUMNS + ", search_words) VALUES (?, ?, ?, ?, ?, ?, "
                + "CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?, ?, " + PartnerWords.STORED_SQL + ")", matches, m -> {
                    MatchFields f = m.fields();
                    return new Object[] {m.id(), m.partnerId(), f.sport().name(), f.competition(), f.stage(), f.title(),
                        JsonColumns.competitors(f.competitors()), f.venue(), f.scheduledStart(), f.scheduledEnd(),
                        m.status().name(), m.late(), m.streamId(), JsonColumns.plan(m.plan()), m.version(),
                        m.source() == null ? null : m.source().provider(), m.source() == null ? null : m.source().fixtureId(),
                        m.liveAt(), m.endedAt(), m.cancelReason(), m.createdAt(), m.updatedAt(), searchWords(m)};
                });
    }

    /** Stores every field of a changed match. */
    public void update(Match m) {
        updateAll(List.of(m));
    }

    /** Stores changed matches, in order, with one batched statement. */
    public void updateAll(List<Match> matches) {
        batch("update matches", "UPDATE match SET sport = ?, competition = ?, stage = ?, title = ?, "
                + "participants = CAST(? AS jsonb), venue = ?, scheduled_start = ?, scheduled_end = ?, status = ?, late = ?, "
                + "stream_id = ?, plan = CAST(? AS jsonb), version = ?, live_at = ?, ended_at = ?, cancel_reason = ?, "
                + "updated_at = ?, search_words = " + PartnerWords.STORED_SQL + " WHERE id = ?", matches, m -> {
                    MatchFields f = m.fields();
                    return new Object[] {f.sport().name(), f.competition(), f.stage(), f.title(),
                        JsonColumns.competitors(f.competitors()), f.venue(), f.scheduledStart(), f.scheduledEnd(),
                        m.status().name(), m.late(), m.streamId(), JsonColumns.plan(m.plan()), m.version(), m.liveAt(),
                        m.endedAt(), m.cancelReason(), m.updatedAt(), searchWords(m), m.id()};
                });
    }

    /** The matches with these ids, locked in id order (the order every batch locks in). */
    public List<Match> lockAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return query("SELECT " + COLUMNS + " FROM match WHERE id = ANY (?) ORDER BY id FOR UPDATE",
                (c, s) -> s.setArray(1, c.createArrayOf("uuid", ids.toArray())));
    }

    public Optional<Match> find(UUID partnerId, UUID id) {
        return one("SELECT " + COLUMNS + " FROM match WHERE id = ? AND partner_id = ?", id, partnerId);
    }

    /** As {@link #find}, locked for the rest of the transaction. */
    public Optional<Match> lock(UUID partnerId, UUID id) {
        return one("SELECT " + COLUMNS + " FROM match WHERE id = ? AND partner_id = ? FOR UPDATE", id, partnerId);
    }

    /** The matches bound to a stream, locked in id order (the order every batch locks in). */
    public List<Match> lockBoundTo(UUID streamId) {
        return query("SELECT " + COLUMNS + " FROM match WHERE stream_id = ? ORDER BY id FOR UPDATE", List.of(streamId));
    }

    /** The partner's matches bound to a stream, in start order. */
    public List<Match> boundTo(UUID partnerId, UUID streamId) {
        return query("SELECT " + COLUMNS + " FROM match WHERE stream_id = ? AND partner_id = ? ORDER BY scheduled_start, id",
                List.of(streamId, partnerId));
    }

    /** Up to {@code limit} scheduled matches not flagged late whose start is before {@code startedBefore}, locked. */
    public List<Match> lockLateDue(Instant startedBefore, int limit) {
        return query("SELECT " + COLUMNS + " FROM match WHERE status = 'SCHEDULED' AND NOT late AND scheduled_start < ? "
                + "ORDER BY scheduled_start LIMIT ? FOR UPDATE SKIP LOCKED", List.of(startedBefore, limit));
    }

    /**
     * One page of the partner's matches that pass the filter, in start order ({@link MatchListQuery}):
     * a search for likely common words walks first, and asks the index only if the walk falls short.
     */
    public List<Match> page(UUID partnerId, MatchFilter filter, int limit) {
        Optional<MatchListQuery> walk = MatchListQuery.walk(COLUMNS, partnerId, filter, limit);
        if (walk.isPresent()) {
            List<Match> walked = query(walk.get().sql(), walk.get().parameters());
            if (walked.size() == limit) {
                return walked;
            }
        }
        MatchListQuery page = MatchListQuery.of(COLUMNS, partnerId, filter, limit);
        return query(page.sql(), page.parameters());
    }

    /** How many matches are in each status (for the metrics); a late one counts once more under late. */
    public Map<MatchState, Long> countByStatus() {
        Map<MatchState, Long> counts = new EnumMap<>(MatchState.class);
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT status, count(*) FROM match GROUP BY status");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                counts.put(MatchState.valueOf(r.getString(1)), r.getLong(2));
            }
            return counts;
        } catch (SQLException e) {
            throw Jdbc.failure("count matches", e);
        }
    }

    /** Scheduled matches flagged late. */
    public long countLate() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM match WHERE status = 'SCHEDULED' AND late");
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw Jdbc.failure("count late matches", e);
        }
    }

    private static String searchWords(Match m) {
        return PartnerWords.stored(m.partnerId(), SearchWords.of(m.fields()));
    }

    private <T> void batch(String what, String sql, List<T> rows, Function<T, Object[]> parameters) {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (T row : rows) {
                Jdbc.bind(s, parameters.apply(row));
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw Jdbc.failure(what, e);
        }
    }

    private Optional<Match> one(String sql, Object... parameters) {
        return query(sql, List.of(parameters)).stream().findFirst();
    }

    private List<Match> query(String sql, List<Object> parameters) {
        return query(sql, (c, s) -> Jdbc.bind(s, parameters.toArray()));
    }

    /** Sets a statement's parameters (an array needs the connection to make it). */
    private interface Binder {
        void bind(Connection connection, PreparedStatement statement) throws SQLException;
    }

    private List<Match> query(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(c, s);
            List<Match> matches = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    matches.add(read(r));
                }
            }
            return matches;
        } catch (SQLException e) {
            throw Jdbc.failure("read matches", e);
        }
    }

    /** A row of {@link #COLUMNS}, read by position in their order (by name, each lookup cost more than its value). */
    private static Match read(ResultSet r) throws SQLException {
        int column = 0;
        UUID id = r.getObject(++column, UUID.class);
        UUID partnerId = r.getObject(++column, UUID.class);
        MatchFields fields = new MatchFields(Sport.valueOf(r.getString(++column)), r.getString(++column),
                r.getString(++column), r.getString(++column), JsonColumns.competitors(r.getString(++column)),
                r.getString(++column), Jdbc.instant(r.getTimestamp(++column)), Jdbc.instant(r.getTimestamp(++column)));
        MatchState status = MatchState.valueOf(r.getString(++column));
        boolean late = r.getBoolean(++column);
        UUID streamId = r.getObject(++column, UUID.class);
        List<PlanEntry> plan = JsonColumns.plan(r.getString(++column));
        long version = r.getLong(++column);
        String provider = r.getString(++column);
        String fixtureId = r.getString(++column);
        return new Match(id, partnerId, fields, status, late, streamId, plan, version,
                provider == null ? null : new Match.FeedSource(provider, fixtureId), Jdbc.instant(r.getTimestamp(++column)),
                Jdbc.instant(r.getTimestamp(++column)), r.getString(++column), Jdbc.instant(r.getTimestamp(++column)),
                Jdbc.instant(r.getTimestamp(++column)));
    }
}

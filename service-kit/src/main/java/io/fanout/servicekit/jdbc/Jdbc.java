package io.fanout.servicekit.jdbc;

import java.net.ConnectException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * What every repository does the same way: bind parameters (an {@link Instant} as a timestamp),
 * run a one-statement write, a list query or an existence check, and report a failure as one unchecked exception
 * naming what failed. Inside a JTA transaction the connection is the transaction's.
 */
public final class Jdbc {

    private static final Logger LOG = Logger.getLogger(Jdbc.class);

    private Jdbc() {
    }

    public static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    public static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /**
     * Whether {@code failure} (or a cause of it) says the database cannot be reached right now, as
     * opposed to a wrong statement: a connection exception (SQLSTATE class 08), a server shutting
     * down or starting (57P01-57P03), or the pool giving up waiting for a connection.
     */
    public static boolean unavailable(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 20; depth++, cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                    return true;
                }
                if (sql.getMessage() != null && sql.getMessage().contains("Acquisition timeout")) {
                    return true;
                }
            }
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code work}, and again after a back-off (0.2 s doubling up to 5 s) for as long as it fails
     * because the database cannot be reached: a consumer waits for its database rather than park good
     * records on its dead-letter topic. Any other failure is thrown at once; so is an interrupt (the
     * service stopping), leaving the record unacknowledged for whoever consumes it next.
     */
    public static void untilReachable(Runnable work) {
        untilReachable(() -> {
            work.run();
            return null;
        });
    }

    /** As {@link #untilReachable(Runnable)}, for work with a result. */
    public static <T> T untilReachable(Supplier<T> work) {
        return untilPassed(Jdbc::unavailable, work);
    }

    /**
     * As {@link #untilReachable(Supplier)}, trying again after every failure that {@code passes} says
     * passes by itself. The waiting is the calling thread's own: it needs no other thread to go on.
     */
    public static <T> T untilPassed(Predicate<Throwable> passes, Supplier<T> work) {
        long backoffMillis = 200;
        while (true) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (!passes.test(e)) {
                    throw e;
                }
                LOG.warnf("database unavailable or busy; trying again in %d ms: %s", backoffMillis, e.getMessage());
            }
            try {
                Thread.sleep(backoffMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("stopped while waiting for the database", e);
            }
            backoffMillis = Math.min(5_000, backoffMillis * 2);
        }
    }

    public static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException(what + " failed: " + e.getMessage(), e);
    }

    /** Binds {@code parameters} in order; an {@link Instant} becomes a timestamp. */
    public static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i] instanceof Instant instant ? timestamp(instant) : parameters[i];
            statement.setObject(i + 1, value);
        }
    }

    /** Runs one INSERT, UPDATE or DELETE; returns the number of rows it changed. */
    public static int update(DataSource dataSource, String what, String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, parameters);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Reads one row at a result's cursor. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Every row {@code sql} returns, each read by {@code reader}, in order. */
    public static <T> List<T> list(DataSource dataSource, String what, String sql, RowReader<T> reader,
            Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, parameters);
            List<T> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(reader.read(r));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Whether {@code sql} (typically {@code SELECT 1 ... WHERE ...}) returns a row. */
    public static boolean exists(DataSource dataSource, String what, String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, parameters);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }
}

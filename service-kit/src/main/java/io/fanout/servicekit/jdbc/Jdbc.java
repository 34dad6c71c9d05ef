package io.fanout.servicekit.jdbc;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** The two conversions every repository needs, and the one way they report a database failure. */
public final class Jdbc {

    private Jdbc() {
    }

    public static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    public static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    public static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException(what + " failed: " + e.getMessage(), e);
    }
}

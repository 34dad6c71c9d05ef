package io.fanout.ingest.persistence;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** The two conversions every repository needs, and the one way they report a database failure. */
final class Jdbc {

    private Jdbc() {
    }

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException(what + " failed: " + e.getMessage(), e);
    }
}

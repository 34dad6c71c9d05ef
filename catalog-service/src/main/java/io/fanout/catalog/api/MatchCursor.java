package io.fanout.catalog.api;

import io.fanout.catalog.domain.Match;
import io.fanout.servicekit.api.Problem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Where the next page of a match list starts, opaque to callers: the scheduled start (in
 * microseconds, as PostgreSQL keeps it) and id of the last match of the previous page.
 */
record MatchCursor(Instant start, UUID id) {

    static String after(Match last) {
        Instant start = last.fields().scheduledStart();
        long micros = Math.addExact(Math.multiplyExact(start.getEpochSecond(), 1_000_000L), start.getNano() / 1000);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + ":" + last.id()).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor's position; null for none. A cursor this API did not return is a 400. */
    static MatchCursor parse(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", 2);
            long micros = Long.parseLong(parts[0]);
            return new MatchCursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1000), UUID.fromString(parts[1]));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException | java.time.DateTimeException e) {
            throw Problem.invalidField("cursor", "is not a cursor this API returned");
        }
    }
}

package io.fanout.contracts;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.ser.InstantSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Reads and writes the times of Fanout's wire format. Every producer writes UTC with a {@code Z}
 * ({@code 2026-06-14T13:00:00Z}, with up to nine fraction digits): those are read directly, which
 * costs a small part of what {@link Instant#parse} and Jackson's formatter-based reading cost (they
 * took 8 % of catalog-service's CPU while it applied a burst of fixtures). Anything else (an offset,
 * a year beyond four digits, 24:00, a leap second, a number, a malformed text) is left to them, so
 * what is accepted, what it means and what is refused, with which message, are theirs.
 *
 * <p>Writing is the same trade: {@link #format} gives exactly {@link Instant#toString}'s text (and
 * so Jackson's, which formats with {@link java.time.format.DateTimeFormatter#ISO_INSTANT}) for the
 * years 0000-9999, written digit by digit without the formatter's intermediate objects
 * (Jackson's formatting of the six times of a match was a quarter of everything catalog-service
 * allocated while it answered match lists); other years are left to {@link Instant#toString}.
 */
public final class IsoInstants {

    private static final int SHORTEST = "2026-06-14T13:00:00Z".length();
    private static final int LONGEST = "2026-06-14T13:00:00.123456789Z".length();
    private static final int[] SCALE = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};
    /** The seconds of 0000-01-01T00:00:00Z and of 10000-01-01T00:00:00Z: the years {@link #format} writes itself. */
    private static final long FIRST_SECOND = LocalDate.of(0, 1, 1).toEpochDay() * 86_400;
    private static final long END_SECOND = LocalDate.of(10_000, 1, 1).toEpochDay() * 86_400;

    private IsoInstants() {
    }

    /** As {@link Instant#parse}, faster for the wire format's own form. */
    public static Instant parse(CharSequence text) {
        Instant direct = direct(text);
        return direct != null ? direct : Instant.parse(text);
    }

    /** The instant of a text in the wire format's own form, or null for any other text. */
    static Instant direct(CharSequence s) {
        int n = s.length();
        if (n < SHORTEST || n > LONGEST || n == SHORTEST + 1 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-'
                || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        LocalDate firstOfMonth = LocalDate.of(year, month, 1);
        if (day > firstOfMonth.lengthOfMonth()) {
            return null;
        }
        int nanos = 0;
        if (n > SHORTEST) {
            int fraction = n - SHORTEST - 1;
            if (s.charAt(19) != '.') {
                return null;
            }
            nanos = digits(s, 20, fraction);
            if (nanos < 0) {
                return null;
            }
            nanos *= SCALE[fraction];
        }
        long days = firstOfMonth.toEpochDay() + day - 1;
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** As {@link Instant#toString}: {@code 2026-06-14T13:00:00Z}, fraction digits in groups of three as needed. */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_SECOND || seconds >= END_SECOND) {
            return instant.toString();
        }
        int nanos = instant.getNano();
        int fraction = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        char[] text = new char[SHORTEST + (fraction == 0 ? 0 : fraction + 1)];
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        put(text, 0, date.getYear(), 4);
        text[4] = '-';
        put(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        put(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        put(text, 11, secondOfDay / 3_600, 2);
        text[13] = ':';
        put(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        put(text, 17, secondOfDay % 60, 2);
        if (fraction > 0) {
            text[19] = '.';
            put(text, 20, nanos / SCALE[fraction], fraction);
        }
        text[text.length - 1] = 'Z';
        return new String(text);
    }

    /** Writes {@code value} as {@code count} decimal digits from {@code start}, zero-padded. */
    private static void put(char[] text, int start, int value, int count) {
        for (int i = start + count - 1; i >= start; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The value of {@code count} decimal digits from {@code start}, or -1 if one is not a digit. */
    private static int digits(CharSequence s, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * Jackson's writing of an {@link Instant}: where Jackson would format it with its default
     * formatter, {@link #format} writes the same text; timestamps and patterns chosen per property
     * are left to Jackson's own code.
     */
    public static final class Serializer extends InstantSerializer {

        private static final long serialVersionUID = 1L;

        public Serializer() {
            super();
        }

        private Serializer(Serializer base, Boolean useTimestamp, DateTimeFormatter formatter, JsonFormat.Shape shape) {
            super(base, useTimestamp, formatter, shape);
        }

        private Serializer(Serializer base, Boolean useTimestamp, Boolean useNanoseconds, DateTimeFormatter formatter) {
            super(base, useTimestamp, useNanoseconds, formatter);
        }

        @Override
        protected String formatValue(Instant value, SerializerProvider provider) {
            return _formatter == null ? format(value) : super.formatValue(value, provider);
        }

        // Jackson makes the serializer of each property from these: they must stay this class.

        @Override
        protected InstantSerializer withFormat(Boolean useTimestamp, DateTimeFormatter formatter, JsonFormat.Shape shape) {
            return new Serializer(this, useTimestamp, formatter, shape);
        }

        @Override
        protected InstantSerializer withFeatures(Boolean writeZoneId, Boolean writeNanoseconds) {
            return new Serializer(this, _useTimestamp, writeNanoseconds, _formatter);
        }
    }

    /** Jackson's reading of an {@link Instant}, with the wire format's own form read directly. */
    static final class Deserializer extends StdScalarDeserializer<Instant> {

        private static final long serialVersionUID = 1L;

        Deserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                Instant direct = direct(parser.getText());
                if (direct != null) {
                    return direct;
                }
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }
    }
}

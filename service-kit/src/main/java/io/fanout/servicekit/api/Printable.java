package io.fanout.servicekit.api;

/**
 * Text a partner names things with: no control characters (PostgreSQL refuses a NUL in text, and none
 * of them belongs in a name). For request validation:
 * {@code @Pattern(regexp = Printable.TEXT, message = Printable.MESSAGE)}, which answers a 400 naming
 * the field instead of the 500 a refused insert would be.
 */
public final class Printable {

    public static final String TEXT = "[^\\p{Cntrl}]*";
    public static final String MESSAGE = "must not contain control characters";

    private Printable() {
    }
}

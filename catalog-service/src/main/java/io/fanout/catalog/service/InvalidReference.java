package io.fanout.catalog.service;

/**
 * A request names something the partner does not have (a stream, a destination): answered as a 400
 * naming {@code field}. Another partner's id and an unknown one are refused alike.
 */
public class InvalidReference extends RuntimeException {

    private final String field;

    public InvalidReference(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

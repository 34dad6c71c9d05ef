package io.fanout.catalog.domain;

/** A change the match's rules do not allow in its present state (a live match cancelled, say). */
public class RefusedChange extends RuntimeException {

    public RefusedChange(String message) {
        super(message);
    }
}

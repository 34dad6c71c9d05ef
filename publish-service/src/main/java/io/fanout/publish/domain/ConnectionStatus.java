package io.fanout.publish.domain;

/**
 * Where the connection of a network account stands: {@code PENDING} until the network redirects the
 * partner's browser back, {@code EXCHANGING} while its code is exchanged (the state is used up),
 * then {@code CONNECTED} (a destination was created) or {@code FAILED} (declined, refused, expired).
 */
public enum ConnectionStatus {
    PENDING,
    EXCHANGING,
    CONNECTED,
    FAILED
}

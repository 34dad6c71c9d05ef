package io.fanout.publish.network;

import io.fanout.contracts.push.Network;

/**
 * What a network's public API needs around one push session. {@link #open} runs before the first
 * attempt of a session (the broadcast is kept for the session's retries), {@link #live} once media
 * flows, {@link #end} when the stream ends. An interrupted stream ends nothing: its slate keeps the
 * broadcast alive.
 */
public interface NetworkAdapter {

    Network network();

    /** Creates the network's broadcast for a session titled {@code title}; returns where to push. */
    NetworkBroadcast open(NetworkAccount account, String title) throws NetworkException;

    /** Media reaches the network: make the broadcast public where that takes a call. */
    void live(NetworkAccount account, NetworkBroadcast broadcast) throws NetworkException;

    /** The stream ended: end the network's broadcast (final on every network). */
    void end(NetworkAccount account, NetworkBroadcast broadcast) throws NetworkException;

    /**
     * Whether the network ended the broadcast by itself (it timed out waiting for media, or was
     * completed or cancelled there): a push cannot go on with it, and the next attempt opens a new
     * one. Networks that end a broadcast only when told answer false.
     */
    default boolean endedByNetwork(NetworkAccount account, NetworkBroadcast broadcast) throws NetworkException {
        return false;
    }
}

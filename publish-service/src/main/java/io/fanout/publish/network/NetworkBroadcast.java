package io.fanout.publish.network;

/**
 * A broadcast a network's API prepared for one push session: its id on the network, where to push
 * ({@code ingestUrl} + {@code streamKey}, the key secret), and {@code streamRef}, a second id some
 * networks need (YouTube: the bound liveStream).
 */
public record NetworkBroadcast(String broadcastId, String ingestUrl, String streamKey, String streamRef) {

    @Override
    public String toString() {
        return "broadcast " + broadcastId;
    }
}

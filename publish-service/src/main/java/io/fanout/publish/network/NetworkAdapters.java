package io.fanout.publish.network;

import io.fanout.contracts.push.Network;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The adapter of each network that has an API around its broadcasts (YouTube, Facebook, X). */
public final class NetworkAdapters {

    private final Map<Network, NetworkAdapter> byNetwork = new EnumMap<>(Network.class);

    public NetworkAdapters(List<NetworkAdapter> adapters) {
        adapters.forEach(adapter -> byNetwork.put(adapter.network(), adapter));
    }

    /** The network's adapter; empty for networks that take a static URL and key (Twitch, RTMP). */
    public Optional<NetworkAdapter> of(Network network) {
        return Optional.ofNullable(byNetwork.get(network));
    }
}

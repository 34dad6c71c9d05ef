package io.fanout.publish.network;

import io.fanout.contracts.push.Network;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The networks whose accounts can be connected here: those Fanout has an OAuth client at. */
public final class AccountLogins {

    private final Map<Network, AccountLogin> byNetwork = new EnumMap<>(Network.class);

    public AccountLogins(List<AccountLogin> logins) {
        logins.forEach(login -> byNetwork.put(login.network(), login));
    }

    public Optional<AccountLogin> of(Network network) {
        return Optional.ofNullable(byNetwork.get(network));
    }
}

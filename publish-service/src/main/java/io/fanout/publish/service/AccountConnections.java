package io.fanout.publish.service;

import io.fanout.contracts.push.Network;
import io.fanout.publish.config.PublishConfig;
import io.fanout.publish.domain.ConnectionStatus;
import io.fanout.publish.domain.CredentialCipher;
import io.fanout.publish.domain.Pkce;
import io.fanout.publish.network.AccountLogin;
import io.fanout.publish.network.AccountLogins;
import io.fanout.publish.network.NetworkException;
import io.fanout.publish.persistence.ConnectionRepository;
import io.fanout.publish.persistence.ConnectionRow;
import io.fanout.publish.persistence.DestinationRow;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Partners connecting their network accounts instead of pasting tokens: {@link #start} records the
 * flow (the PKCE verifier encrypted, the state only as a hash) and gives the network's consent
 * page; {@link #complete} takes the network's redirect, uses the state up (one callback per state,
 * before its expiry), exchanges the code, and creates the destination with the account's lasting
 * token, encrypted like every credential. Neither the state, the code, the verifier nor a token is
 * logged or kept in clear.
 */
@ApplicationScoped
public class AccountConnections {

    private static final Logger LOG = Logger.getLogger(AccountConnections.class);

    /** What the partner asks to connect, and the destination it becomes (as {@link DestinationService.NewDestination}). */
    public record NewConnection(String name, Network network, String accountId, String ingestUrl, String streamKey,
            Integer maxVideoHeight) {
    }

    /** A started connection and the consent page its owner's browser goes to (given once: only its hash is kept). */
    public record Started(ConnectionRow connection, URI consentUrl) {
    }

    /** Why a callback could not be taken. */
    public enum CallbackRefusal {
        /** The state names no connection. */
        UNKNOWN,
        /** The state was used by an earlier callback. */
        USED,
        /** The connection waited past its expiry. */
        EXPIRED
    }

    /** A connection as the callback left it (connected or failed), or the reason the callback was refused. */
    public record CallbackOutcome(ConnectionRow connection, CallbackRefusal refusal) {
    }

    private final ConnectionRepository connections;
    private final DestinationService destinations;
    private final AccountLogins logins;
    private final CredentialCipher cipher;
    private final PublishConfig.Connections config;

    public AccountConnections(ConnectionRepository connections, DestinationService destinations, AccountLogins logins,
            CredentialCipher cipher, PublishConfig config) {
        this.connections = connections;
        this.destinations = destinations;
        this.logins = logins;
        this.cipher = cipher;
        this.config = config.connections();
    }

    /** Whether accounts of the network can be connected here (Fanout has an OAuth client there). */
    public boolean connectable(Network network) {
        return logins.of(network).isPresent();
    }

    /** Starts a connection; the network must be {@link #connectable}. */
    public Started start(UUID partnerId, NewConnection c) {
        AccountLogin login = logins.of(c.network()).orElseThrow(() -> new IllegalArgumentException(
                "no OAuth client for " + c.network()));
        Pkce flow = Pkce.generate();
        Instant now = Instant.now();
        ConnectionRow row = new ConnectionRow(UUID.randomUUID(), partnerId, c.network(), c.name(), c.accountId(),
                c.ingestUrl(), c.streamKey() == null ? null : cipher.encrypt(c.streamKey()), c.maxVideoHeight(),
                cipher.encrypt(flow.codeVerifier()), cipher.keyId(), ConnectionStatus.PENDING, null, null, now,
                now.plus(config.ttl()), null);
        connections.insert(row, Pkce.stateHash(flow.state()));
        return new Started(row, login.consentUrl(config.callbackUrl(), flow.state(), flow.codeChallenge()));
    }

    /**
     * The network's redirect: {@code code}, or {@code error} when the account's owner declined. The
     * state is used up before the code is exchanged, so a replayed callback finds it used.
     */
    public CallbackOutcome complete(String state, String code, String error) {
        byte[] stateHash = Pkce.stateHash(state);
        Instant now = Instant.now();
        Optional<ConnectionRow> claimed = connections.claim(stateHash, now);
        if (claimed.isEmpty()) {
            return refusal(stateHash, now);
        }
        ConnectionRow row = claimed.get();
        if (error != null && !error.isBlank()) {
            return failed(row, "the account's owner did not grant access (" + errorCode(error) + ")");
        }
        if (code == null || code.isBlank()) {
            return failed(row, "the network sent no authorization code");
        }
        Optional<AccountLogin> login = logins.of(row.network());
        if (login.isEmpty()) {
            return failed(row, "Fanout no longer has an OAuth client for " + row.network().name().toLowerCase(Locale.ROOT));
        }
        AccountLogin.Connected account;
        try {
            account = login.get().exchange(code, cipher.decrypt(row.verifierCiphertext(), row.keyId()),
                    config.callbackUrl(), row.accountId());
        } catch (NetworkException e) {
            return failed(row, e.getMessage());
        }
        ConnectionRow connected = QuarkusTransaction.requiringNew().call(() -> {
            DestinationRow created = destinations.create(row.partnerId(), new DestinationService.NewDestination(
                    row.name(), row.network(), row.ingestUrl(),
                    row.keyCiphertext() == null ? null : cipher.decrypt(row.keyCiphertext(), row.keyId()),
                    account.accountId(), account.token(), null, null, row.maxVideoHeight()));
            return connections.finish(row, ConnectionStatus.CONNECTED, null, created.id(), Instant.now());
        });
        LOG.infof("partner %s connected a %s account: destination %s", row.partnerId(), row.network(),
                connected.destinationId());
        return new CallbackOutcome(connected, null);
    }

    public Optional<ConnectionRow> find(UUID partnerId, UUID id) {
        return connections.find(partnerId, id);
    }

    public List<ConnectionRow> list(UUID partnerId) {
        return connections.list(partnerId);
    }

    private CallbackOutcome refusal(byte[] stateHash, Instant now) {
        Optional<ConnectionRow> known = connections.byState(stateHash);
        if (known.isEmpty()) {
            return new CallbackOutcome(null, CallbackRefusal.UNKNOWN);
        }
        ConnectionRow row = known.get();
        if (row.status() == ConnectionStatus.PENDING && row.expired(now)) {
            return new CallbackOutcome(connections.finish(row, ConnectionStatus.FAILED,
                    "expired before the network sent its owner back", null, now), CallbackRefusal.EXPIRED);
        }
        return new CallbackOutcome(row, CallbackRefusal.USED);
    }

    private CallbackOutcome failed(ConnectionRow row, String reason) {
        LOG.infof("partner %s's %s account connection %s failed: %s", row.partnerId(), row.network(), row.id(), reason);
        return new CallbackOutcome(connections.finish(row, ConnectionStatus.FAILED, reason, null, Instant.now()), null);
    }

    /** The error's code as the network sent it, kept only if it looks like one (RFC 6749: ASCII, no spaces). */
    private static String errorCode(String error) {
        return error.matches("[A-Za-z0-9_.-]{1,64}") ? error : "an error";
    }
}

package io.fanout.servicekit.credentials;

import io.agroal.api.AgroalDataSource;
import io.fanout.contracts.partner.CredentialRevoked;
import io.fanout.servicekit.jdbc.Jdbc;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotAuthorizedException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Which partner credentials ingest-service has revoked, for a service that verifies partner tokens
 * by their signature alone (publish-service, catalog-service). Revocations arrive on
 * {@code partner-credentials} ({@link CredentialRevocationsConsumer}) and are kept in the service's
 * own table {@code revoked_credential}, so every instance of the service, and a restarted one, knows
 * them all. Checks read a snapshot of the table at most {@link #SNAPSHOT_MILLIS} old: a revocation
 * is refused by every instance within that time of reaching the service.
 */
@ApplicationScoped
@IfBuildProperty(name = "fanout.credentials.revocations.enabled", stringValue = "true")
public class RevokedCredentials {

    static final long SNAPSHOT_MILLIS = 2_000;

    private record Snapshot(Set<UUID> revoked, long takenAtMillis) {
    }

    private final AgroalDataSource dataSource;
    private volatile Snapshot snapshot = new Snapshot(Set.of(), Long.MIN_VALUE);

    public RevokedCredentials(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The partner a verified partner token stands for (its subject), unless its credential (its
     * {@code jti}) was revoked or the token lacks either.
     *
     * @throws NotAuthorizedException for a revoked or malformed credential: the call is answered 401
     */
    public UUID partner(String subject, String credentialId) {
        try {
            UUID partner = UUID.fromString(subject);
            if (!isRevoked(UUID.fromString(credentialId))) {
                return partner;
            }
        } catch (IllegalArgumentException | NullPointerException malformed) {
            // falls through: a token without a partner subject and credential id is no partner credential
        }
        throw new NotAuthorizedException("partner credentials required", "Bearer");
    }

    public boolean isRevoked(UUID credentialId) {
        Snapshot current = snapshot;
        long now = System.currentTimeMillis();
        if (now - current.takenAtMillis() > SNAPSHOT_MILLIS) {
            current = new Snapshot(load(), now);
            snapshot = current;
        }
        return current.revoked().contains(credentialId);
    }

    /** Keeps a revocation (a repeated one changes nothing) and refuses it on this instance at once. */
    public void apply(CredentialRevoked revoked) {
        UUID id = UUID.fromString(revoked.credentialId());
        Jdbc.update(dataSource, "keep revoked credential", "INSERT INTO revoked_credential "
                + "(id, partner_id, revoked_at, expires_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                id, UUID.fromString(revoked.partnerId()), revoked.occurredAt(), revoked.expiresAt());
        Snapshot current = snapshot;
        Set<UUID> withIt = new HashSet<>(current.revoked());
        withIt.add(id);
        snapshot = new Snapshot(Set.copyOf(withIt), current.takenAtMillis());
    }

    /** The credentials revoked and not yet lapsed (a lapsed token is refused by its expiry anyway). */
    private Set<UUID> load() {
        return Set.copyOf(Jdbc.list(dataSource, "read revoked credentials",
                "SELECT id FROM revoked_credential WHERE expires_at IS NULL OR expires_at > ?",
                row -> row.getObject(1, UUID.class), Instant.now()));
    }
}

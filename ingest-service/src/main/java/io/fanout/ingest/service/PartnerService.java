package io.fanout.ingest.service;

import io.fanout.contracts.partner.CredentialRevoked;
import io.fanout.ingest.config.IngestConfig;
import io.fanout.ingest.persistence.PartnerRepository;
import io.fanout.ingest.persistence.PartnerRepository.CredentialRow;
import io.fanout.servicekit.outbox.OutboxRepository;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Partners and their API credentials. A credential is a token signed with ingest-service's private
 * key (subject: the partner id, group {@code partner}, jti: the credential id); every service
 * verifies it with the public key, so no service has to ask another who is calling. A revoked
 * credential is marked here and announced on {@code partner-credentials} (through the outbox, in the
 * revocation's transaction), from which every other service learns to refuse it.
 */
@ApplicationScoped
public class PartnerService {

    /** The role a partner credential carries. */
    public static final String PARTNER_ROLE = "partner";

    /** A credential as handed to its owner: the token is shown this once. */
    public record IssuedCredential(UUID id, UUID partnerId, String token, Instant expiresAt) {
    }

    private final PartnerRepository partners;
    private final OutboxRepository outbox;
    private final IngestConfig config;

    public PartnerService(PartnerRepository partners, OutboxRepository outbox, IngestConfig config) {
        this.partners = partners;
        this.outbox = outbox;
        this.config = config;
    }

    @Transactional
    public UUID createPartner(String name) {
        UUID id = UUID.randomUUID();
        partners.insertPartner(id, name, Instant.now());
        return id;
    }

    /** A new credential for an existing partner; empty when there is no such partner. */
    @Transactional
    public Optional<IssuedCredential> issueCredential(UUID partnerId) {
        if (!partners.partnerExists(partnerId)) {
            return Optional.empty();
        }
        return Optional.of(issue(partnerId));
    }

    @Transactional
    public boolean partnerExists(UUID partnerId) {
        return partners.partnerExists(partnerId);
    }

    /** The partner's credentials (never their tokens), newest first. */
    @Transactional
    public List<CredentialRow> credentials(UUID partnerId) {
        return partners.credentials(partnerId);
    }

    /**
     * Revokes one of the partner's credentials and announces it; empty when the partner has no such
     * credential or it is already revoked (the first revocation stands).
     */
    @Transactional
    public Optional<CredentialRow> revoke(UUID partnerId, UUID credentialId) {
        Optional<CredentialRow> revoked = partners.revoke(credentialId, partnerId, Instant.now());
        revoked.ifPresent(row -> outbox.append(new CredentialRevoked(row.id().toString(), row.partnerId().toString(),
                row.revokedAt(), row.expiresAt())));
        return revoked;
    }

    /** A new credential in place of an active one, which is revoked in the same transaction. */
    @Transactional
    public Optional<IssuedCredential> rotate(UUID partnerId, UUID credentialId) {
        return revoke(partnerId, credentialId).map(old -> issue(partnerId));
    }

    /** Whether a presented token's credential is still valid (exists, this partner's, not revoked). */
    @Transactional
    public boolean credentialActive(UUID credentialId, UUID partnerId) {
        return partners.credentialActive(credentialId, partnerId);
    }

    private IssuedCredential issue(UUID partnerId) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        Instant expiresAt = now.plus(config.tokenLifetime());
        partners.insertCredential(id, partnerId, now, expiresAt);
        String token = Jwt.issuer(config.tokenIssuer())
                .subject(partnerId.toString())
                .groups(Set.of(PARTNER_ROLE))
                .claim("jti", id.toString())
                .issuedAt(now)
                .expiresAt(expiresAt)
                .sign();
        return new IssuedCredential(id, partnerId, token, expiresAt);
    }
}

package io.fanout.ingest.service;

import io.fanout.ingest.config.IngestConfig;
import io.fanout.ingest.persistence.PartnerRepository;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Partners and their API credentials. A credential is a token signed with ingest-service's private
 * key (subject: the partner id, group {@code partner}, jti: the credential id); every service
 * verifies it with the public key, so no service has to ask another who is calling.
 */
@ApplicationScoped
public class PartnerService {

    /** The role a partner credential carries. */
    public static final String PARTNER_ROLE = "partner";

    /** A credential as handed to the administrator: the token is shown this once. */
    public record IssuedCredential(UUID id, UUID partnerId, String token, Instant expiresAt) {
    }

    private final PartnerRepository partners;
    private final IngestConfig config;

    public PartnerService(PartnerRepository partners, IngestConfig config) {
        this.partners = partners;
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
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        Instant expiresAt = now.plus(config.tokenLifetime());
        partners.insertCredential(id, partnerId, now);
        String token = Jwt.issuer(config.tokenIssuer())
                .subject(partnerId.toString())
                .groups(Set.of(PARTNER_ROLE))
                .claim("jti", id.toString())
                .issuedAt(now)
                .expiresAt(expiresAt)
                .sign();
        return Optional.of(new IssuedCredential(id, partnerId, token, expiresAt));
    }

    /** Whether a presented token's credential is still valid (exists, this partner's, not revoked). */
    @Transactional
    public boolean credentialActive(UUID credentialId, UUID partnerId) {
        return partners.credentialActive(credentialId, partnerId);
    }
}

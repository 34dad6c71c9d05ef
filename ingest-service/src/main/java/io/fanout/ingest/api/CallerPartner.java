package io.fanout.ingest.api;

import io.fanout.ingest.service.PartnerService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.NotAuthorizedException;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The partner on whose behalf the current call is made, from its verified API token. Every partner
 * endpoint scopes its reads and writes with {@link #id()}; a revoked credential is refused here,
 * where the credential table lives.
 */
@RequestScoped
public class CallerPartner {

    private final JsonWebToken token;
    private final PartnerService partners;

    public CallerPartner(JsonWebToken token, PartnerService partners) {
        this.token = token;
        this.partners = partners;
    }

    public UUID id() {
        try {
            UUID partnerId = UUID.fromString(token.getSubject());
            UUID credentialId = UUID.fromString(token.getTokenID());
            if (partners.credentialActive(credentialId, partnerId)) {
                return partnerId;
            }
        } catch (IllegalArgumentException | NullPointerException malformed) {
            // falls through: a token without a partner subject or credential id is no partner credential
        }
        throw new NotAuthorizedException("partner credentials required", "Bearer");
    }

    /** The id of the credential the call presents (its token's jti); call after {@link #id()}. */
    public UUID credentialId() {
        return UUID.fromString(token.getTokenID());
    }
}

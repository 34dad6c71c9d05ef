package io.fanout.publish.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.NotAuthorizedException;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The partner on whose behalf the current call is made: the subject of its API token, which
 * ingest-service signed and this service verified with the public key. Revocation is checked only
 * by ingest-service so far (its credential table is not shared yet).
 */
@RequestScoped
public class CallerPartner {

    private final JsonWebToken token;

    public CallerPartner(JsonWebToken token) {
        this.token = token;
    }

    public UUID id() {
        try {
            return UUID.fromString(token.getSubject());
        } catch (IllegalArgumentException | NullPointerException malformed) {
            throw new NotAuthorizedException("partner credentials required", "Bearer");
        }
    }
}

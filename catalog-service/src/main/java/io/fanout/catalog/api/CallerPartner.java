package io.fanout.catalog.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.NotAuthorizedException;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The partner on whose behalf the current call is made: the subject of its verified API token
 * (issued by ingest-service). Every partner endpoint scopes its reads and writes with {@link #id()}.
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

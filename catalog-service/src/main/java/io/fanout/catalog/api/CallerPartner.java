package io.fanout.catalog.api;

import io.fanout.servicekit.credentials.RevokedCredentials;
import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The partner on whose behalf the current call is made: the subject of its API token, which
 * ingest-service signed and this service verified with the public key, unless ingest-service has
 * revoked that credential since ({@link RevokedCredentials}: then the call is answered 401). Every
 * partner endpoint scopes its reads and writes with {@link #id()}.
 */
@RequestScoped
public class CallerPartner {

    private final JsonWebToken token;
    private final RevokedCredentials revoked;

    public CallerPartner(JsonWebToken token, RevokedCredentials revoked) {
        this.token = token;
        this.revoked = revoked;
    }

    public UUID id() {
        return revoked.partner(token.getSubject(), token.getTokenID());
    }
}

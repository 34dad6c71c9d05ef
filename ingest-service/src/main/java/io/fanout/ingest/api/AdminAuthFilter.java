package io.fanout.ingest.api;

import io.fanout.ingest.config.IngestConfig;
import io.fanout.ingest.domain.StreamKeys;
import io.fanout.servicekit.api.Problem;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * Admits {@link AdminOnly} calls that present the bootstrap administrator key as a bearer token,
 * compared in constant time. A valid partner token is known but not allowed here (403); anything
 * else is not a credential at all (401).
 */
@jakarta.ws.rs.ext.Provider
@AdminOnly
public class AdminAuthFilter implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";

    // Filters are built at static init, before runtime configuration exists: look it up per call.
    private final Provider<IngestConfig> config;
    private final Provider<JWTParser> tokens;

    public AdminAuthFilter(Provider<IngestConfig> config, Provider<JWTParser> tokens) {
        this.config = config;
        this.tokens = tokens;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String presented = header != null && header.startsWith(BEARER) ? header.substring(BEARER.length()) : null;
        if (StreamKeys.sameSecret(config.get().adminApiKey(), presented)) {
            return;
        }
        request.abortWith(presented != null && isPartnerToken(presented)
                ? Problem.response(Response.Status.FORBIDDEN, "a partner token cannot do this; administrator credentials required")
                : Problem.response(Response.Status.UNAUTHORIZED, "administrator credentials required"));
    }

    /** Whether the token is one this service issued (signature, issuer and expiry verified). */
    private boolean isPartnerToken(String token) {
        try {
            tokens.get().parse(token);
            return true;
        } catch (ParseException | RuntimeException notOurs) {
            return false;
        }
    }
}

package io.fanout.ingest.api;

import io.fanout.ingest.config.IngestConfig;
import io.fanout.ingest.domain.StreamKeys;
import io.fanout.servicekit.api.Problem;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * Admits {@link AdminOnly} calls that present the bootstrap administrator key as a bearer token,
 * compared in constant time. Partner tokens are not accepted here.
 */
@jakarta.ws.rs.ext.Provider
@AdminOnly
public class AdminAuthFilter implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";

    // Filters are built at static init, before runtime configuration exists: look it up per call.
    private final Provider<IngestConfig> config;

    public AdminAuthFilter(Provider<IngestConfig> config) {
        this.config = config;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String presented = header != null && header.startsWith(BEARER) ? header.substring(BEARER.length()) : null;
        if (!StreamKeys.sameSecret(config.get().adminApiKey(), presented)) {
            request.abortWith(Problem.response(Response.Status.UNAUTHORIZED, "administrator credentials required"));
        }
    }
}

package io.fanout.servicekit.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * Refuses a request body larger than {@code fanout.api.max-body-bytes} (default 64 KiB: every
 * Fanout request is a few hundred bytes) with a 413 problem. Bodies without a declared length are
 * held to {@code quarkus.http.limits.max-body-size} by the HTTP layer itself.
 */
public class BodyLimitFilter {

    private final long maxBytes;

    public BodyLimitFilter(@ConfigProperty(name = "fanout.api.max-body-bytes", defaultValue = "65536") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> limit(ResteasyReactiveContainerRequestContext request) {
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            return Optional.empty();
        }
        long length;
        try {
            length = Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return Optional.of(Problem.response(Response.Status.BAD_REQUEST, "invalid Content-Length"));
        }
        if (length > maxBytes) {
            return Optional.of(Problem.response(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    "the body is " + length + " bytes; at most " + maxBytes + " are accepted"));
        }
        return Optional.empty();
    }
}

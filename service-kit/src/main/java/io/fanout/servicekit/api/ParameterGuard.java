package io.fanout.servicekit.api;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The query and path parameters of the partner and admin APIs ({@code /v1/...}) pass the same check
 * as the strings of a JSON body ({@link TextGuard}): a NUL in a search filter was a 500 where it
 * reached PostgreSQL. A refused parameter is a 400 naming it. The edge's hooks judge their own
 * parameters (an odd one is refused as a publish).
 */
public class ParameterGuard {

    @ServerRequestFilter
    public Optional<Response> check(UriInfo uri) {
        if (!uri.getPath().startsWith("/v1/")) {
            return Optional.empty();
        }
        return problem(uri.getQueryParameters()).or(() -> problem(uri.getPathParameters()));
    }

    private static Optional<Response> problem(MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            for (String value : parameter.getValue()) {
                String problem = value == null ? null : TextGuard.problem(value);
                if (problem != null) {
                    return Optional.of(Problem.invalidField(parameter.getKey(), problem).getResponse());
                }
            }
        }
        return Optional.empty();
    }
}

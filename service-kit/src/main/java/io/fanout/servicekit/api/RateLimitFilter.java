package io.fanout.servicekit.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Each partner's calls to the APIs ({@code /v1/...}) are limited by a token bucket: up to
 * {@code fanout.api.rate-limit.burst} at once, refilled at {@code requests-per-second}. A call over
 * the limit is a 429 problem with {@code Retry-After} (whole seconds until a call would pass) and
 * changes nothing. The bucket is the caller's verified identity (a partner token's subject), so one
 * partner's burst never slows another; calls without one are answered 401 by the API anyway.
 */
public class RateLimitFilter {

    private final double perSecond;
    private final int burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimitFilter(
            @ConfigProperty(name = "fanout.api.rate-limit.requests-per-second", defaultValue = "50") double perSecond,
            @ConfigProperty(name = "fanout.api.rate-limit.burst", defaultValue = "100") int burst) {
        this.perSecond = perSecond;
        this.burst = burst;
    }

    @ServerRequestFilter
    public Optional<Response> limit(ContainerRequestContext request) {
        Principal caller = request.getSecurityContext().getUserPrincipal();
        if (caller == null || !request.getUriInfo().getPath().startsWith("/v1/")) {
            return Optional.empty();
        }
        long waitNanos = buckets.computeIfAbsent(caller.getName(), name -> new Bucket(burst)).take(perSecond, burst);
        if (waitNanos == 0) {
            return Optional.empty();
        }
        long seconds = Math.max(1, (long) Math.ceil(waitNanos / (double) TimeUnit.SECONDS.toNanos(1)));
        return Optional.of(Problem.retryLater(Response.Status.TOO_MANY_REQUESTS,
                "more than " + burst + " calls at once or " + perSecond + " a second; try again in " + seconds + " s", seconds));
    }

    /** A token bucket: {@link #take} spends one token, or says how long until one is there. */
    static final class Bucket {
        private double tokens;
        private long refilledAt = System.nanoTime();

        Bucket(int burst) {
            this.tokens = burst;
        }

        /** Takes a token and returns 0, or returns the nanoseconds until one is there (nothing taken). */
        synchronized long take(double perSecond, int burst) {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - refilledAt) * perSecond / TimeUnit.SECONDS.toNanos(1));
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perSecond * TimeUnit.SECONDS.toNanos(1));
        }
    }
}

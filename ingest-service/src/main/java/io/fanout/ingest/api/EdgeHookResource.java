package io.fanout.ingest.api;

import io.fanout.ingest.config.IngestConfig;
import io.fanout.ingest.domain.PublishDecision;
import io.fanout.ingest.domain.StreamKeys;
import io.fanout.ingest.service.IngestMetrics;
import io.fanout.ingest.service.RefusedPublishLimiter;
import io.fanout.ingest.service.EdgeSessions.PublishOutcome;
import io.fanout.ingest.service.EdgeSessions;
import io.fanout.servicekit.api.Problem;
import io.fanout.servicekit.messaging.EventTracing;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The edge's notification hooks (nginx-rtmp {@code on_publish}, {@code on_publish_done}), reachable
 * only with the shared secret in the path, never with partner credentials. nginx sends the
 * parameters as a query string (GET) or a form (POST); both are accepted. An accepted publish is
 * answered with a redirect to the stream's id, which makes nginx-rtmp rename the live stream: the
 * edge then carries it as {@code live/<streamId>}, the name transcode and publish read it by, and the
 * stream key is never used as a name anyone can play. A 4xx makes nginx refuse the publisher. While
 * the database is out of reach, {@code on_publish} answers 503 (a new publish is refused: fail
 * closed). A live publisher never waits on this service: the edge has no {@code on_update} hook
 * (nginx-rtmp drops a publisher whose update call finds no one listening), and what may not go on
 * is found by {@link io.fanout.ingest.service.EdgeReconciler} and dropped through the edge's control.
 * Anything odd in a call (a missing, repeated, empty or oversized parameter) is a quick 403 that
 * touches nothing. The stream key is never logged.
 */
@Path("/internal/edge/{secret}")
public class EdgeHookResource {

    /** Longer than any stream key or edge client id; a longer parameter is refused unread. */
    private static final int MAX_PARAMETER_LENGTH = 128;

    private final EdgeSessions sessions;
    private final IngestConfig config;
    private final IngestMetrics metrics;
    private final RefusedPublishLimiter limiter;
    private final EventTracing tracing;

    public EdgeHookResource(EdgeSessions sessions, IngestConfig config, IngestMetrics metrics,
            RefusedPublishLimiter limiter, EventTracing tracing) {
        this.tracing = tracing;
        this.sessions = sessions;
        this.config = config;
        this.metrics = metrics;
        this.limiter = limiter;
    }

    @GET
    @Path("/on_publish")
    @Operation(hidden = true)
    public Response onPublish(@PathParam("secret") String secret, @Context UriInfo uri) {
        return publish(secret, uri.getQueryParameters());
    }

    @POST
    @Path("/on_publish")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response onPublishForm(@PathParam("secret") String secret, MultivaluedMap<String, String> form) {
        return publish(secret, form);
    }

    @GET
    @Path("/on_publish_done")
    @Operation(hidden = true)
    public Response onPublishDone(@PathParam("secret") String secret, @Context UriInfo uri) {
        return publishDone(secret, uri.getQueryParameters());
    }

    @POST
    @Path("/on_publish_done")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response onPublishDoneForm(@PathParam("secret") String secret, MultivaluedMap<String, String> form) {
        return publishDone(secret, form);
    }

    private Response publish(String secret, MultivaluedMap<String, String> params) {
        return timed("on_publish", () -> authorise(secret, params));
    }

    private Response authorise(String secret, MultivaluedMap<String, String> params) {
        if (!StreamKeys.sameSecret(config.edgeSecret(), secret)) {
            return Problem.response(Response.Status.NOT_FOUND, "not found");
        }
        String name = single(params, "name");
        String address = single(params, "addr");
        if (!config.edgeApplication().equals(single(params, "app")) || name == null
                || single(params, "clientid") == null) {
            metrics.publishAttempt(PublishDecision.REFUSE_MALFORMED);
            return refused();
        }
        if (limiter.limited(address)) {
            metrics.publishAttempt(PublishDecision.REFUSE_RATE_LIMITED);
            return refused();
        }
        PublishOutcome outcome = sessions.publish(name, address, single(params, "clientid"));
        metrics.publishAttempt(outcome.decision());
        if (outcome.decision() == PublishDecision.REFUSE_UNKNOWN_KEY) {
            limiter.refused(address);
        }
        if (!outcome.decision().accepted()) {
            return refused();
        }
        // A bare name in Location (not a URI) is what nginx-rtmp takes as the new stream name.
        return Response.status(Response.Status.FOUND).header(HttpHeaders.LOCATION, outcome.streamId().toString()).build();
    }

    private Response publishDone(String secret, MultivaluedMap<String, String> params) {
        return timed("on_publish_done", () -> endPublish(secret, params));
    }

    /** Runs a hook and records how long it took to answer, whatever the answer. */
    /**
     * Answers a hook in the first span of a trace ({@code edge hook <name>}), timed. The HTTP server's
     * own span is left unrecorded for these paths: their URL holds the edge secret and the stream key.
     */
    private Response timed(String hook, Supplier<Response> call) {
        long started = System.nanoTime();
        try {
            return tracing.newTrace("edge hook " + hook, call);
        } finally {
            metrics.hook(hook, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private Response endPublish(String secret, MultivaluedMap<String, String> params) {
        if (!StreamKeys.sameSecret(config.edgeSecret(), secret)) {
            return Problem.response(Response.Status.NOT_FOUND, "not found");
        }
        String name = single(params, "name");
        if (config.edgeApplication().equals(single(params, "app")) && name != null) {
            sessions.publishDone(name, single(params, "clientid"));
        }
        return Response.noContent().build();
    }

    /**
     * The one value of {@code name}, or null if it is missing, repeated, empty, too long or holds
     * control characters: a parameter the edge would never send that way.
     */
    private static String single(MultivaluedMap<String, String> params, String name) {
        List<String> values = params.get(name);
        if (values == null || values.size() != 1) {
            return null;
        }
        String value = values.get(0);
        if (value == null || value.isEmpty() || value.length() > MAX_PARAMETER_LENGTH
                || value.chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        return value;
    }

    private static Response refused() {
        return Problem.response(Response.Status.FORBIDDEN, "publish refused");
    }
}

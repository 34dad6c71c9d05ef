package io.fanout.ingest.api;

import io.fanout.ingest.config.IngestConfig;
import io.fanout.ingest.domain.PublishDecision;
import io.fanout.ingest.domain.StreamKeys;
import io.fanout.ingest.service.IngestMetrics;
import io.fanout.ingest.service.StreamService.PublishOutcome;
import io.fanout.ingest.service.StreamService;
import io.fanout.servicekit.api.Problem;
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
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The edge's notification hooks (nginx-rtmp {@code on_publish}, {@code on_publish_done}), reachable
 * only with the shared secret in the path, never with partner credentials. nginx sends the
 * parameters as a query string (GET) or a form (POST); both are accepted. An accepted publish is
 * answered with a redirect to the stream's id, which makes nginx-rtmp rename the live stream: the
 * edge then carries it as {@code live/<streamId>}, the name transcode and publish read it by, and the
 * stream key is never used as a name anyone can play. A 4xx makes nginx drop the publisher.
 * The stream key is never logged.
 */
@Path("/internal/edge/{secret}")
public class EdgeHookResource {

    private final StreamService streams;
    private final IngestConfig config;
    private final IngestMetrics metrics;

    public EdgeHookResource(StreamService streams, IngestConfig config, IngestMetrics metrics) {
        this.streams = streams;
        this.config = config;
        this.metrics = metrics;
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
        String name = params.getFirst("name");
        if (!config.edgeApplication().equals(params.getFirst("app")) || name == null || name.isEmpty()) {
            metrics.publishAttempt(PublishDecision.REFUSE_MALFORMED);
            return Problem.response(Response.Status.FORBIDDEN, "publish refused");
        }
        PublishOutcome outcome = streams.publish(name, params.getFirst("addr"), params.getFirst("clientid"));
        metrics.publishAttempt(outcome.decision());
        if (!outcome.decision().accepted()) {
            return Problem.response(Response.Status.FORBIDDEN, "publish refused");
        }
        // A bare name in Location (not a URI) is what nginx-rtmp takes as the new stream name.
        return Response.status(Response.Status.FOUND).header(HttpHeaders.LOCATION, outcome.streamId().toString()).build();
    }

    private Response publishDone(String secret, MultivaluedMap<String, String> params) {
        return timed("on_publish_done", () -> endPublish(secret, params));
    }

    /** Runs a hook and records how long it took to answer, whatever the answer. */
    private Response timed(String hook, Supplier<Response> call) {
        long started = System.nanoTime();
        try {
            return call.get();
        } finally {
            metrics.hook(hook, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private Response endPublish(String secret, MultivaluedMap<String, String> params) {
        if (!StreamKeys.sameSecret(config.edgeSecret(), secret)) {
            return Problem.response(Response.Status.NOT_FOUND, "not found");
        }
        String name = params.getFirst("name");
        if (config.edgeApplication().equals(params.getFirst("app")) && name != null && !name.isEmpty()) {
            streams.publishDone(name, params.getFirst("clientid"));
        }
        return Response.noContent().build();
    }
}

package io.fanout.ingest.api;

import io.fanout.ingest.config.IngestConfig;
import io.fanout.ingest.domain.StreamState;
import io.fanout.ingest.persistence.StreamRow;
import io.fanout.ingest.service.PartnerService;
import io.fanout.ingest.service.StreamService.CreatedStream;
import io.fanout.ingest.service.StreamService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A partner's streams. Every call is scoped to the calling partner: another partner's stream id
 * answers 404 exactly like an unknown one. The stream key is returned once, when the stream is created.
 */
@Path("/v1/streams")
@RolesAllowed(PartnerService.PARTNER_ROLE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class StreamResource {

    public record CreateStream(
            @NotBlank @Size(max = 200) String name,
            @Min(0) @Max(1800) Integer reconnectWindowSeconds,
            Boolean test) {
    }

    public record StreamView(UUID id, String name, StreamState state, int reconnectWindowSeconds, boolean test,
            String ingestUrl, Instant createdAt, Instant updatedAt) {
    }

    /** The stream as just created, with its key and the full URL an encoder publishes to. */
    public record StreamCreated(UUID id, String name, StreamState state, int reconnectWindowSeconds, boolean test,
            String ingestUrl, String streamKey, String publishUrl, Instant createdAt) {
    }

    private final StreamService streams;
    private final CallerPartner caller;
    private final IngestConfig config;

    public StreamResource(StreamService streams, CallerPartner caller, IngestConfig config) {
        this.streams = streams;
        this.caller = caller;
        this.config = config;
    }

    @POST
    public Response create(@Valid @NotNull CreateStream request) {
        int window = request.reconnectWindowSeconds() == null ? 60 : request.reconnectWindowSeconds();
        CreatedStream created = streams.create(caller.id(), request.name(), window, Boolean.TRUE.equals(request.test()));
        StreamRow s = created.stream();
        return Response.status(Response.Status.CREATED).entity(new StreamCreated(s.id(), s.name(), s.state(),
                s.reconnectWindowSeconds(), s.test(), config.ingestUrl(), created.streamKey(),
                config.ingestUrl() + "/" + created.streamKey(), s.createdAt())).build();
    }

    @GET
    @Path("/{streamId}")
    public StreamView get(@PathParam("streamId") UUID streamId) {
        return streams.find(caller.id(), streamId).map(this::view)
                .orElseThrow(() -> new NotFoundException("no stream " + streamId));
    }

    @GET
    public List<StreamView> list(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return streams.list(caller.id(), limit).stream().map(this::view).toList();
    }

    private StreamView view(StreamRow s) {
        return new StreamView(s.id(), s.name(), s.state(), s.reconnectWindowSeconds(), s.test(), config.ingestUrl(),
                s.createdAt(), s.updatedAt());
    }
}

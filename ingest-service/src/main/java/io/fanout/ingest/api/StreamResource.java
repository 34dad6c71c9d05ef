package io.fanout.ingest.api;

import io.fanout.contracts.stream.LadderSetting;
import io.fanout.contracts.stream.StreamMedia;
import io.fanout.ingest.config.IngestConfig;
import io.fanout.ingest.domain.StreamState;
import io.fanout.ingest.persistence.SessionRow;
import io.fanout.ingest.persistence.StreamRepository.Cursor;
import io.fanout.ingest.persistence.StreamRow;
import io.fanout.ingest.service.PartnerService;
import io.fanout.ingest.service.StreamCommands;
import io.fanout.ingest.service.StreamCommands.CreatedStream;
import io.fanout.ingest.service.StreamCommands.NewStream;
import io.fanout.ingest.service.StreamCommands.RotatedKey;
import io.fanout.servicekit.api.Printable;
import io.fanout.servicekit.api.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * A partner's streams. Every call is scoped to the calling partner: another partner's stream id
 * answers 404 exactly like an unknown one. The stream key is returned when the stream is created and
 * when it is reset, and never otherwise.
 */
@Path("/v1/streams")
@RolesAllowed(PartnerService.PARTNER_ROLE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class StreamResource {

    /** Twelve hours, as the hosted live APIs default to. */
    public static final int DEFAULT_MAX_DURATION_SECONDS = 43_200;
    public static final int DEFAULT_RECONNECT_WINDOW_SECONDS = 60;

    public record CreateStream(
            @NotBlank @Size(max = 200) @Pattern(regexp = Printable.TEXT, message = Printable.MESSAGE) String name,
            @Min(0) @Max(1800) Integer reconnectWindowSeconds,
            @Min(10) @Max(172_800) Integer maxDurationSeconds,
            @Size(max = 255) @Pattern(regexp = Printable.TEXT, message = Printable.MESSAGE) String passthrough,
            LadderSetting ladder,
            Boolean record,
            Boolean test) {
    }

    /** New settings; an absent field is left as it is. */
    public record UpdateStream(
            @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") @Pattern(regexp = Printable.TEXT, message = Printable.MESSAGE) String name,
            @Min(0) @Max(1800) Integer reconnectWindowSeconds,
            @Min(10) @Max(172_800) Integer maxDurationSeconds,
            @Size(max = 255) @Pattern(regexp = Printable.TEXT, message = Printable.MESSAGE) String passthrough,
            LadderSetting ladder,
            Boolean record) {
    }

    public record StreamView(UUID id, String name, StreamState state, int reconnectWindowSeconds,
            int maxDurationSeconds, String passthrough, LadderSetting ladder, boolean record, boolean test,
            String ingestUrl, String secureIngestUrl, Instant reconnectDeadline,
            Instant createdAt, Instant updatedAt) {
    }

    /** The stream with its key, as answered once at creation and at each key reset. */
    public record StreamWithKey(UUID id, String name, StreamState state, int reconnectWindowSeconds,
            int maxDurationSeconds, String passthrough, LadderSetting ladder, boolean record, boolean test,
            String ingestUrl, String secureIngestUrl, String streamKey,
            String publishUrl, String securePublishUrl, Instant createdAt) {
    }

    /** A page of streams; {@code nextCursor} fetches the next one and is absent on the last. */
    public record StreamPage(List<StreamView> streams, String nextCursor) {
    }

    public record SessionView(UUID id, Instant startedAt, Instant endedAt, String endReason, long bytesIn,
            long peakBitrateKbps, RecordingView recording) {
    }

    /** A session's recording (VOD master playlist), absent while none was kept. */
    public record RecordingView(String url, double durationSeconds) {
    }

    private final StreamCommands streams;
    private final CallerPartner caller;
    private final IngestConfig config;

    public StreamResource(StreamCommands streams, CallerPartner caller, IngestConfig config) {
        this.streams = streams;
        this.caller = caller;
        this.config = config;
    }

    @POST
    public Response create(@Valid @NotNull CreateStream request) {
        NewStream settings = new NewStream(request.name(),
                Optional.ofNullable(request.reconnectWindowSeconds()).orElse(DEFAULT_RECONNECT_WINDOW_SECONDS),
                Optional.ofNullable(request.maxDurationSeconds()).orElse(DEFAULT_MAX_DURATION_SECONDS),
                request.passthrough(), new StreamMedia(Optional.ofNullable(request.ladder()).orElse(LadderSetting.STANDARD),
                        Boolean.TRUE.equals(request.record())), Boolean.TRUE.equals(request.test()));
        CreatedStream created = streams.create(caller.id(), settings);
        return Response.status(Response.Status.CREATED).entity(withKey(created.stream(), created.streamKey())).build();
    }

    @GET
    @Path("/{streamId}")
    public StreamView get(@PathParam("streamId") UUID streamId) {
        return view(found(streams.find(caller.id(), streamId), streamId));
    }

    /** The partner's streams in creation order, optionally only those in one state, a page at a time. */
    @GET
    public StreamPage list(@QueryParam("status") String status, @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        List<StreamRow> page = streams.page(caller.id(), state(status), decode(cursor), limit + 1);
        List<StreamView> views = page.stream().limit(limit).map(this::view).toList();
        String next = page.size() > limit ? encode(page.get(limit - 1)) : null;
        return new StreamPage(views, next);
    }

    @PATCH
    @Path("/{streamId}")
    public StreamView update(@PathParam("streamId") UUID streamId, @Valid @NotNull UpdateStream request) {
        return view(found(streams.update(caller.id(), streamId, request.name(), request.reconnectWindowSeconds(),
                request.maxDurationSeconds(), request.passthrough(), request.ladder(), request.record()), streamId));
    }

    /** Deletes the stream; a live session ends first and its publisher is dropped. */
    @DELETE
    @Path("/{streamId}")
    public Response delete(@PathParam("streamId") UUID streamId) {
        if (!streams.delete(caller.id(), streamId)) {
            throw new NotFoundException("no stream " + streamId);
        }
        return Response.noContent().build();
    }

    /** Ends any session at once, drops the publisher and refuses the key until the stream is enabled. */
    @POST
    @Path("/{streamId}/disable")
    @Consumes(MediaType.WILDCARD)
    public StreamView disable(@PathParam("streamId") UUID streamId) {
        return view(found(streams.disable(caller.id(), streamId), streamId));
    }

    @POST
    @Path("/{streamId}/enable")
    @Consumes(MediaType.WILDCARD)
    public StreamView enable(@PathParam("streamId") UUID streamId) {
        return view(found(streams.enable(caller.id(), streamId), streamId));
    }

    /** Ends the session now, even inside the reconnect window; the key can go live again. */
    @POST
    @Path("/{streamId}/complete")
    @Consumes(MediaType.WILDCARD)
    public StreamView complete(@PathParam("streamId") UUID streamId) {
        return view(found(streams.complete(caller.id(), streamId), streamId));
    }

    /**
     * A new key; the old one is refused at once and a live publisher is dropped. Reconnecting with
     * the new key inside the reconnect window continues the same session.
     */
    @POST
    @Path("/{streamId}/reset-stream-key")
    @Consumes(MediaType.WILDCARD)
    public StreamWithKey resetKey(@PathParam("streamId") UUID streamId) {
        RotatedKey rotated = found(streams.resetKey(caller.id(), streamId), streamId);
        return withKey(rotated.stream(), rotated.streamKey());
    }

    @GET
    @Path("/{streamId}/sessions")
    public List<SessionView> sessions(@PathParam("streamId") UUID streamId,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return found(streams.sessions(caller.id(), streamId, limit), streamId).stream().map(StreamResource::view)
                .toList();
    }

    private static <T> T found(Optional<T> result, UUID streamId) {
        return result.orElseThrow(() -> new NotFoundException("no stream " + streamId));
    }

    private static StreamState state(String status) {
        if (status == null) {
            return null;
        }
        try {
            return StreamState.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problem.invalidField("status", "must be one of idle, live, interrupted, ended, disabled");
        }
    }

    /** A cursor is the creation time (µs) and id of the last stream of the previous page, opaque to callers. */
    private static String encode(StreamRow last) {
        long micros = Math.addExact(Math.multiplyExact(last.createdAt().getEpochSecond(), 1_000_000L),
                last.createdAt().getNano() / 1000);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + ":" + last.id()).getBytes(StandardCharsets.UTF_8));
    }

    private static Cursor decode(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", 2);
            long micros = Long.parseLong(parts[0]);
            return new Cursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1000), UUID.fromString(parts[1]));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw Problem.invalidField("cursor", "is not a cursor this API returned");
        }
    }

    private StreamView view(StreamRow s) {
        return new StreamView(s.id(), s.name(), s.state(), s.reconnectWindowSeconds(), s.maxDurationSeconds(),
                s.passthrough(), s.media().ladder(), s.media().record(), s.test(), config.ingestUrl(),
                config.secureIngestUrl().orElse(null), s.reconnectDeadline(), s.createdAt(), s.updatedAt());
    }

    private static SessionView view(SessionRow s) {
        return new SessionView(s.id(), s.startedAt(), s.endedAt(), s.endReason(), s.bytesIn(), s.peakBitrateKbps(),
                s.recordingUrl() == null ? null : new RecordingView(s.recordingUrl(), s.recordingSeconds()));
    }

    private StreamWithKey withKey(StreamRow s, String key) {
        return new StreamWithKey(s.id(), s.name(), s.state(), s.reconnectWindowSeconds(), s.maxDurationSeconds(),
                s.passthrough(), s.media().ladder(), s.media().record(), s.test(), config.ingestUrl(),
                config.secureIngestUrl().orElse(null), key, config.ingestUrl() + "/" + key,
                config.secureIngestUrl().map(url -> url + "/" + key).orElse(null), s.createdAt());
    }
}

package io.fanout.publish.api;

import io.fanout.contracts.push.PreflightViolation;
import io.fanout.publish.domain.PushStatus;
import io.fanout.publish.persistence.TargetRow;
import io.fanout.publish.service.Preflight;
import io.fanout.publish.service.PushStatuses;
import io.fanout.publish.service.TargetCommands;
import io.fanout.publish.service.TargetCommands.TargetOutcome;
import io.fanout.servicekit.api.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A stream's simulcast targets. A stream is known here once its {@code stream.created} event has
 * been consumed (a moment after ingest-service created it); until then it answers 404.
 */
@Path("/v1/streams/{streamId}/targets")
@RolesAllowed("partner")
@Produces(MediaType.APPLICATION_JSON)
public class TargetResource {

    public record CreateTarget(@NotNull UUID destinationId) {
    }

    public record UpdateTarget(@NotNull Boolean enabled) {
    }

    /**
     * A target; {@code matchEventId} names the catalog match whose destination plan created it (null:
     * the API); {@code preflight} lists the network limits its push breaks in the current session;
     * {@code reading} is what its active push sends: {@code live}, {@code slate} or
     * {@code rendition <rung>} (null: no active push).
     */
    public record TargetView(UUID id, UUID streamId, UUID destinationId, boolean enabled, String matchEventId,
            List<PreflightViolation> preflight, String reading, PushStatus push, Instant createdAt) {

        static TargetView of(TargetRow row, Preflight.PushView view, PushStatus push) {
            return new TargetView(row.id(), row.streamId(), row.destinationId(), row.enabled(), row.matchEventId(),
                    view == null ? List.of() : view.preflight(), view == null ? null : view.reading(), push, row.createdAt());
        }

        static TargetView of(TargetRow row) {
            return of(row, null, null);
        }
    }

    /** The attempt that "retry now" started. */
    public record RetryStarted(UUID targetId, UUID sessionId, int attempt) {
    }

    private final TargetCommands targets;
    private final CallerPartner caller;
    private final Preflight preflight;
    private final PushStatuses statuses;

    public TargetResource(TargetCommands targets, CallerPartner caller, Preflight preflight, PushStatuses statuses) {
        this.targets = targets;
        this.caller = caller;
        this.preflight = preflight;
        this.statuses = statuses;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("streamId") UUID streamId, @Valid @NotNull CreateTarget request) {
        // Added while live, its push starts now, beside the others; otherwise it is armed for the next session.
        TargetOutcome outcome = targets.add(caller.id(), streamId, request.destinationId());
        if (outcome.target() != null) {
            return Response.status(Response.Status.CREATED).entity(TargetView.of(outcome.target())).build();
        }
        return switch (outcome.refusal()) {
            case UNKNOWN_STREAM -> Problem.response(Response.Status.NOT_FOUND, "no stream " + streamId);
            case UNKNOWN_DESTINATION -> Problem.response(Response.Status.BAD_REQUEST, "invalid field(s): destinationId",
                    List.of(new Problem.FieldError("destinationId", "no such destination")));
            case DUPLICATE -> Problem.response(Response.Status.CONFLICT, "the stream already has a target for this destination");
        };
    }

    /**
     * The stream's targets, each with its push in the current session ({@code push}: state,
     * attempt, last reason, since when, bytes and bitrate, the network's broadcast; null before the
     * target's first push).
     */
    @GET
    public List<TargetView> list(@PathParam("streamId") UUID streamId) {
        List<TargetRow> rows = targets.list(caller.id(), streamId)
                .orElseThrow(() -> new NotFoundException("no stream " + streamId));
        Map<UUID, Preflight.PushView> views = preflight.views(streamId);
        Map<UUID, PushStatus> pushed = statuses.ofStream(streamId);
        return rows.stream().map(t -> TargetView.of(t, views.get(t.id()), pushed.get(t.id()))).toList();
    }

    /** One target, as in the list. */
    @GET
    @Path("/{targetId}")
    public TargetView get(@PathParam("streamId") UUID streamId, @PathParam("targetId") UUID targetId) {
        return list(streamId).stream().filter(t -> t.id().equals(targetId)).findFirst()
                .orElseThrow(() -> new NotFoundException("no target " + targetId));
    }

    /** Enables or disables a target, also while the stream is live; the other targets are not touched. */
    @PATCH
    @Path("/{targetId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public TargetView update(@PathParam("streamId") UUID streamId, @PathParam("targetId") UUID targetId,
            @Valid @NotNull UpdateTarget request) {
        return TargetView.of(targets.setEnabled(caller.id(), streamId, targetId, request.enabled())
                .orElseThrow(() -> new NotFoundException("no target " + targetId)));
    }

    /** Removes a target; its push, if running, stops. */
    @DELETE
    @Path("/{targetId}")
    @Consumes(MediaType.WILDCARD)
    public Response remove(@PathParam("streamId") UUID streamId, @PathParam("targetId") UUID targetId) {
        if (!targets.remove(caller.id(), streamId, targetId)) {
            throw new NotFoundException("no target " + targetId);
        }
        return Response.noContent().build();
    }

    /**
     * Retries the target's push now, whatever the retry policy's wait (and after it gave up): 202
     * with the attempt started. 409 when the push is not waiting for a retry (broadcasting, or no
     * live session); 404 for a target that is not the partner's.
     */
    @POST
    @Path("/{targetId}/retry")
    @Consumes(MediaType.WILDCARD)
    public Response retry(@PathParam("streamId") UUID streamId, @PathParam("targetId") UUID targetId) {
        boolean known = targets.list(caller.id(), streamId).orElse(List.of()).stream()
                .anyMatch(t -> t.id().equals(targetId));
        if (!known) {
            throw new NotFoundException("no target " + targetId);
        }
        return targets.retryNow(caller.id(), streamId, targetId)
                .map(plan -> Response.accepted(new RetryStarted(plan.targetId(), plan.sessionId(), plan.attempt())).build())
                .orElseGet(() -> Problem.response(Response.Status.CONFLICT,
                "the target's push is not waiting for a retry (it is broadcasting, or the stream is not live)"));
    }
}

package io.fanout.publish.api;

import io.fanout.contracts.push.Network;
import io.fanout.publish.domain.DestinationAddressPolicy;
import io.fanout.publish.domain.DestinationAddressPolicy.Verdict;
import io.fanout.publish.persistence.DestinationRow;
import io.fanout.publish.service.DestinationService;
import io.fanout.servicekit.api.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A partner's destinations: where its streams can be simulcast. The destination's stream key is
 * accepted here and never returned. Only static RTMP(S) destinations ({@code rtmp}, {@code twitch})
 * exist so far; YouTube, Facebook and X need their APIs (issue 5).
 */
@Path("/v1/destinations")
@RolesAllowed("partner")
@Produces(MediaType.APPLICATION_JSON)
public class DestinationResource {

    public record CreateDestination(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Pattern(regexp = "(?i)rtmp|twitch", message = "must be rtmp or twitch") String network,
            @NotBlank @Size(max = 2000) String ingestUrl,
            @NotBlank @Size(max = 500) String streamKey) {
    }

    public record DestinationView(UUID id, String name, Network network, String ingestUrl, Instant createdAt) {

        static DestinationView of(DestinationRow row) {
            return new DestinationView(row.id(), row.name(), row.network(), row.ingestUrl(), row.createdAt());
        }
    }

    private final DestinationService destinations;
    private final CallerPartner caller;
    private final DestinationAddressPolicy addresses;

    public DestinationResource(DestinationService destinations, CallerPartner caller,
            DestinationAddressPolicy addresses) {
        this.destinations = destinations;
        this.caller = caller;
        this.addresses = addresses;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull CreateDestination request) {
        // A name that does not resolve now is judged again before every push, as is every name.
        Verdict verdict = addresses.check(request.ingestUrl());
        if (!verdict.allowed() && !verdict.unresolved()) {
            return Problem.response(Response.Status.BAD_REQUEST, "invalid field(s): ingestUrl",
                    List.of(new Problem.FieldError("ingestUrl", verdict.reason())));
        }
        DestinationRow row = destinations.create(caller.id(), request.name(),
                Network.valueOf(request.network().toUpperCase(Locale.ROOT)), request.ingestUrl(), request.streamKey());
        return Response.status(Response.Status.CREATED).entity(DestinationView.of(row)).build();
    }

    @GET
    public List<DestinationView> list() {
        return destinations.list(caller.id()).stream().map(DestinationView::of).toList();
    }

    @GET
    @Path("/{id}")
    public DestinationView get(@PathParam("id") UUID id) {
        return destinations.find(caller.id(), id).map(DestinationView::of)
                .orElseThrow(() -> new NotFoundException("no destination " + id));
    }
}

package io.fanout.ingest.api;

import io.fanout.ingest.service.PartnerService.IssuedCredential;
import io.fanout.ingest.service.PartnerService;
import io.fanout.servicekit.api.Printable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.UUID;

/** Administration: partners and their API credentials. Only the platform administrator calls it. */
@Path("/v1/partners")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
public class PartnerResource {

    public record CreatePartner(
            @NotBlank @Size(max = 200) @Pattern(regexp = Printable.TEXT, message = Printable.MESSAGE) String name) {
    }

    public record PartnerCreated(UUID id, String name) {
    }

    /** The credential's token is in this answer and nowhere else, ever. */
    public record CredentialIssued(UUID id, UUID partnerId, String token, Instant expiresAt) {
    }

    private final PartnerService partners;

    public PartnerResource(PartnerService partners) {
        this.partners = partners;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull CreatePartner request) {
        UUID id = partners.createPartner(request.name());
        return Response.status(Response.Status.CREATED).entity(new PartnerCreated(id, request.name())).build();
    }

    @POST
    @Path("/{partnerId}/credentials")
    public Response issueCredential(@PathParam("partnerId") UUID partnerId) {
        IssuedCredential credential = partners.issueCredential(partnerId)
                .orElseThrow(() -> new NotFoundException("no partner " + partnerId));
        return Response.status(Response.Status.CREATED).entity(new CredentialIssued(credential.id(),
                credential.partnerId(), credential.token(), credential.expiresAt())).build();
    }
}

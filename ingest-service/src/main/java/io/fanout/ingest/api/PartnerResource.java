package io.fanout.ingest.api;

import io.fanout.ingest.api.CredentialResource.CredentialList;
import io.fanout.ingest.api.CredentialResource.CredentialView;
import io.fanout.ingest.service.PartnerService;
import io.fanout.servicekit.api.Printable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
        return CredentialResource.issued(partners.issueCredential(partnerId)
                .orElseThrow(() -> new NotFoundException("no partner " + partnerId)));
    }

    /** The partner's credentials, for an administrator answering "which of our keys is still valid?". */
    @GET
    @Path("/{partnerId}/credentials")
    public CredentialList credentials(@PathParam("partnerId") UUID partnerId) {
        if (!partners.partnerExists(partnerId)) {
            throw new NotFoundException("no partner " + partnerId);
        }
        return new CredentialList(partners.credentials(partnerId).stream()
                .map(row -> CredentialView.of(row, null)).toList());
    }

    /** Revokes a partner's credential (a leaked key, a partner that leaves); every service refuses it within seconds. */
    @DELETE
    @Path("/{partnerId}/credentials/{credentialId}")
    public Response revokeCredential(@PathParam("partnerId") UUID partnerId,
            @PathParam("credentialId") UUID credentialId) {
        partners.revoke(partnerId, credentialId).orElseThrow(() -> CredentialResource.notActive(credentialId));
        return Response.noContent().build();
    }
}

package io.fanout.ingest.api;

import io.fanout.ingest.persistence.PartnerRepository.CredentialRow;
import io.fanout.ingest.service.PartnerService;
import io.fanout.ingest.service.PartnerService.IssuedCredential;
import jakarta.annotation.security.RolesAllowed;
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
import java.util.List;
import java.util.UUID;

/**
 * A partner's own API credentials: list them, add one, rotate one (a new token, the old one revoked
 * at once) and revoke one. A revoked credential is refused here at once and by every other service
 * within seconds (they consume {@code partner-credentials}). Tokens appear only in the answer that
 * creates them; another partner's credential id answers 404 like an unknown one.
 */
@Path("/v1/credentials")
@RolesAllowed(PartnerService.PARTNER_ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class CredentialResource {

    /** A credential as listed: never its token. {@code current}: the one this call presents. */
    public record CredentialView(UUID id, Instant createdAt, Instant expiresAt, Instant revokedAt, boolean active,
            boolean current) {

        static CredentialView of(CredentialRow row, UUID current) {
            return new CredentialView(row.id(), row.createdAt(), row.expiresAt(), row.revokedAt(),
                    row.revokedAt() == null && (row.expiresAt() == null || row.expiresAt().isAfter(Instant.now())),
                    row.id().equals(current));
        }
    }

    public record CredentialList(List<CredentialView> items) {
    }

    private final PartnerService partners;
    private final CallerPartner caller;

    public CredentialResource(PartnerService partners, CallerPartner caller) {
        this.partners = partners;
        this.caller = caller;
    }

    @GET
    public CredentialList list() {
        UUID partnerId = caller.id();
        UUID current = caller.credentialId();
        return new CredentialList(partners.credentials(partnerId).stream().map(row -> CredentialView.of(row, current))
                .toList());
    }

    @POST
    public Response issue() {
        return issued(partners.issueCredential(caller.id()).orElseThrow());
    }

    @POST
    @Path("/{credentialId}/rotate")
    public Response rotate(@PathParam("credentialId") UUID credentialId) {
        return issued(partners.rotate(caller.id(), credentialId).orElseThrow(() -> notActive(credentialId)));
    }

    @DELETE
    @Path("/{credentialId}")
    public Response revoke(@PathParam("credentialId") UUID credentialId) {
        partners.revoke(caller.id(), credentialId).orElseThrow(() -> notActive(credentialId));
        return Response.noContent().build();
    }

    static Response issued(IssuedCredential credential) {
        return Response.status(Response.Status.CREATED).entity(new PartnerResource.CredentialIssued(credential.id(),
                credential.partnerId(), credential.token(), credential.expiresAt())).build();
    }

    static NotFoundException notActive(UUID credentialId) {
        return new NotFoundException("no active credential " + credentialId);
    }
}

package io.fanout.catalog.api;

import io.fanout.catalog.persistence.StreamStatusRepository;
import io.fanout.catalog.persistence.StreamStatusRepository.Stored;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A stream's current status as the catalog knows it (from {@code stream-lifecycle}), for the
 * stream's partner only: another partner's stream answers 404 like an unknown one.
 */
@Path("/v1/streams/{streamId}/status")
@RolesAllowed("partner")
@Produces(MediaType.APPLICATION_JSON)
public class StreamStatusResource {

    private final StreamStatusRepository statuses;
    private final JsonWebToken token;

    public StreamStatusResource(StreamStatusRepository statuses, JsonWebToken token) {
        this.statuses = statuses;
        this.token = token;
    }

    @GET
    public Stored get(@PathParam("streamId") UUID streamId) {
        return statuses.find(partnerId(), streamId).orElseThrow(() -> new NotFoundException("no stream " + streamId));
    }

    private UUID partnerId() {
        try {
            return UUID.fromString(token.getSubject());
        } catch (IllegalArgumentException | NullPointerException malformed) {
            throw new NotAuthorizedException("partner credentials required", "Bearer");
        }
    }
}

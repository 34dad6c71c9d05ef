package io.fanout.catalog.api;

import io.fanout.catalog.domain.FixtureCheck;
import io.fanout.catalog.persistence.FeedRepository.Feed;
import io.fanout.catalog.service.FeedService;
import io.fanout.servicekit.api.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The upstream providers a partner lets feed its catalog. Fixtures from a provider the partner has
 * not authorised are parked, never applied; revoking stops new ones and keeps the matches made.
 */
@Path("/v1/feeds")
@RolesAllowed("partner")
@Produces(MediaType.APPLICATION_JSON)
public class FeedResource {

    private final FeedService feeds;
    private final CallerPartner caller;

    public FeedResource(FeedService feeds, CallerPartner caller) {
        this.feeds = feeds;
        this.caller = caller;
    }

    @GET
    public List<Feed> list() {
        return feeds.list(caller.id());
    }

    /** Authorises a provider (201; 200 when it already was). */
    @PUT
    @Path("/{provider}")
    public Response authorise(@PathParam("provider") String provider) {
        FeedService.Authorised authorised = feeds.authorise(caller.id(), checked(provider));
        return Response.status(authorised.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(authorised.feed()).build();
    }

    @DELETE
    @Path("/{provider}")
    public Response revoke(@PathParam("provider") String provider) {
        if (!feeds.revoke(caller.id(), checked(provider))) {
            throw new NotFoundException("no feed " + provider);
        }
        return Response.noContent().build();
    }

    private static String checked(String provider) {
        if (!FixtureCheck.PROVIDER.matcher(provider).matches()) {
            throw Problem.invalidField("provider", "a provider name is a-z, 0-9, '.' and '-', at most 64 characters");
        }
        return provider;
    }
}

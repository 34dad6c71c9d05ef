package io.fanout.catalog.api;

import io.fanout.catalog.api.LiveModels.LiveView;
import io.fanout.catalog.service.LiveViews;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/**
 * A stream's live view as the catalog knows it: its state and health, its player, every push and
 * the matches it carries. Another partner's stream answers 404 like an unknown one.
 */
@Path("/v1/streams")
@RolesAllowed("partner")
@Produces(MediaType.APPLICATION_JSON)
public class StreamResource {

    private final LiveViews views;
    private final CallerPartner caller;

    public StreamResource(LiveViews views, CallerPartner caller) {
        this.views = views;
        this.caller = caller;
    }

    @GET
    @Path("/{id}/live")
    public LiveView live(@PathParam("id") UUID id) {
        return LiveModels.view(views.ofStream(caller.id(), id).orElseThrow(() -> new NotFoundException("no stream " + id)));
    }
}

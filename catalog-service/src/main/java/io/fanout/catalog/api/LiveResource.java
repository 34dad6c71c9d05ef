package io.fanout.catalog.api;

import io.fanout.catalog.api.LiveModels.LiveView;
import io.fanout.catalog.service.LiveViews;
import io.fanout.catalog.service.LiveViews.Live;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.UUID;

/**
 * The partner's live view: "is my final live on YouTube right now", per match and per stream. Read
 * from what the catalog consumed (stream-lifecycle, stream-health, push-status, renditions), never
 * from another service. Another partner's match or stream answers 404 like an unknown one.
 */
@Path("/v1")
@RolesAllowed("partner")
@Produces(MediaType.APPLICATION_JSON)
public class LiveResource {

    private final LiveViews views;
    private final CallerPartner caller;

    public LiveResource(LiveViews views, CallerPartner caller) {
        this.views = views;
        this.caller = caller;
    }

    @GET
    @Path("/matches/{id}/live")
    public LiveView match(@PathParam("id") UUID id) {
        return LiveModels.view(views.ofMatch(caller.id(), id).orElseThrow(() -> new NotFoundException("no match " + id)));
    }

    /** The match as schema.org {@code SportsEvent} with its {@code BroadcastEvent}, for the partner's own pages. */
    @GET
    @Path("/matches/{id}/jsonld")
    @Produces({SportsEventJsonLd.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    public Map<String, Object> jsonLd(@PathParam("id") UUID id) {
        Live live = views.ofMatch(caller.id(), id).orElseThrow(() -> new NotFoundException("no match " + id));
        return SportsEventJsonLd.of(live.match(), LiveModels.view(live).playerUrl());
    }

    @GET
    @Path("/streams/{id}/live")
    public LiveView stream(@PathParam("id") UUID id) {
        return LiveModels.view(views.ofStream(caller.id(), id).orElseThrow(() -> new NotFoundException("no stream " + id)));
    }
}

package io.fanout.catalog.api;

import io.fanout.catalog.api.LiveModels.LiveView;
import io.fanout.catalog.api.MatchModels.BindStream;
import io.fanout.catalog.api.MatchModels.CancelMatch;
import io.fanout.catalog.api.MatchModels.CreateMatch;
import io.fanout.catalog.api.MatchModels.EditMatch;
import io.fanout.catalog.api.MatchModels.MatchPage;
import io.fanout.catalog.api.MatchModels.MatchView;
import io.fanout.catalog.api.MatchModels.SetPlan;
import io.fanout.catalog.domain.SearchWords;
import io.fanout.catalog.domain.Match;
import io.fanout.catalog.persistence.MatchFilter;
import io.fanout.catalog.service.LiveViews;
import io.fanout.catalog.service.LiveViews.Live;
import io.fanout.catalog.service.MatchService;
import io.fanout.servicekit.api.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A partner's matches: create, read, list, edit, cancel, bind to a stream, plan onto destinations,
 * and each match's live view and structured data. Every call is scoped to the calling partner;
 * another partner's match answers 404 like an unknown one.
 */
@Path("/v1/matches")
@RolesAllowed("partner")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class MatchResource {

    private final MatchService matches;
    private final LiveViews views;
    private final CallerPartner caller;

    public MatchResource(MatchService matches, LiveViews views, CallerPartner caller) {
        this.matches = matches;
        this.views = views;
        this.caller = caller;
    }

    @POST
    public Response create(@Valid @NotNull CreateMatch request) {
        Match match = matches.create(caller.id(), MatchMapper.fields(request), request.streamId(),
                MatchMapper.plan(request.plan(), "plan"));
        return Response.status(Response.Status.CREATED).entity(MatchMapper.view(match)).build();
    }

    @GET
    @Path("/{id}")
    public MatchView get(@PathParam("id") UUID id) {
        return MatchMapper.view(found(matches.find(caller.id(), id), id));
    }

    /**
     * The partner's matches in start order, a page at a time, optionally only one sport, status or
     * competition, those starting in {@code [from, to)}, or those whose title, competition, stage,
     * venue or participants hold the words of {@code q} (the last one may be the start of a word).
     */
    @GET
    public MatchPage list(@QueryParam("sport") String sport, @QueryParam("status") String status,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("competition") @Size(max = 200) String competition, @QueryParam("q") @Size(max = 100) String q,
            @QueryParam("cursor") String cursor, @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        MatchCursor after = MatchCursor.parse(cursor);
        MatchFilter filter = new MatchFilter(sport == null ? null : MatchMapper.sport(sport), MatchMapper.status(status),
                time("from", from), time("to", to), blankToNull(competition), search(q),
                after == null ? null : after.start(), after == null ? null : after.id());
        List<Match> page = matches.page(caller.id(), filter, limit + 1);
        return new MatchPage(page.stream().limit(limit).map(MatchMapper::view).toList(),
                page.size() > limit ? MatchCursor.after(page.get(limit - 1)) : null);
    }

    @PATCH
    @Path("/{id}")
    public MatchView edit(@PathParam("id") UUID id, @Valid @NotNull EditMatch request) {
        return MatchMapper.view(found(matches.edit(caller.id(), id, MatchMapper.edit(request),
                MatchMapper.status(request.status())), id));
    }

    /** Cancels a scheduled or postponed match, with a reason (a live one ends with its stream). */
    @POST
    @Path("/{id}/cancel")
    public MatchView cancel(@PathParam("id") UUID id, @Valid @NotNull CancelMatch request) {
        String reason = request.reason() == null || request.reason().isBlank() ? null : request.reason().trim();
        return MatchMapper.view(found(matches.cancel(caller.id(), id, reason), id));
    }

    /** Cancels a match without saying why. */
    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.WILDCARD)
    public MatchView cancel(@PathParam("id") UUID id) {
        return MatchMapper.view(found(matches.cancel(caller.id(), id, null), id));
    }

    /** Binds the match to one of the partner's streams; it goes live with the stream's next session. */
    @PUT
    @Path("/{id}/stream")
    public MatchView bind(@PathParam("id") UUID id, @Valid @NotNull BindStream request) {
        return MatchMapper.view(found(matches.bind(caller.id(), id, request.streamId()), id));
    }

    @DELETE
    @Path("/{id}/stream")
    public MatchView unbind(@PathParam("id") UUID id) {
        return MatchMapper.view(found(matches.bind(caller.id(), id, null), id));
    }

    /** Replaces the match's destination plan (the partner's destinations, each with a title template). */
    @PUT
    @Path("/{id}/plan")
    public MatchView plan(@PathParam("id") UUID id, @Valid @NotNull SetPlan request) {
        return MatchMapper.view(found(matches.plan(caller.id(), id, MatchMapper.plan(request.plan(), "plan")), id));
    }

    /**
     * The live view of the match: "is my final live on YouTube right now". Read from what the catalog
     * consumed (stream-lifecycle, stream-health, push-status, renditions), never from another service.
     */
    @GET
    @Path("/{id}/live")
    public LiveView live(@PathParam("id") UUID id) {
        return LiveModels.view(found(views.ofMatch(caller.id(), id), id));
    }

    /** The match as schema.org {@code SportsEvent} with its {@code BroadcastEvent}, for the partner's own pages. */
    @GET
    @Path("/{id}/jsonld")
    @Produces({SportsEventJsonLd.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    public Map<String, Object> jsonLd(@PathParam("id") UUID id) {
        Live live = found(views.ofMatch(caller.id(), id), id);
        return SportsEventJsonLd.of(live.match(), LiveModels.view(live).playerUrl());
    }

    private static <T> T found(Optional<T> result, UUID id) {
        return result.orElseThrow(() -> new NotFoundException("no match " + id));
    }

    private static Instant time(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw Problem.invalidField(field, "is not an ISO-8601 instant such as 2026-06-14T13:00:00Z");
        }
    }

    /** The words of a text search (null without one); a text without a word to search for is refused. */
    private static SearchWords search(String q) {
        if (q == null || q.isBlank()) {
            return null;
        }
        SearchWords words = SearchWords.of(q);
        if (words.isEmpty()) {
            throw Problem.invalidField("q", "has no letter or digit to search for");
        }
        return words;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}

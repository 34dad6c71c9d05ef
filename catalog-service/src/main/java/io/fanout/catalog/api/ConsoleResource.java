package io.fanout.catalog.api;

import io.fanout.catalog.api.ConsoleModels.ConsoleDay;
import io.fanout.catalog.api.ConsoleModels.ConsoleMatch;
import io.fanout.catalog.persistence.MatchFilter;
import io.fanout.catalog.service.LiveViews;
import io.fanout.catalog.service.MatchService;
import io.fanout.servicekit.credentials.RevokedCredentials;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The partner console: a small web page where a partner, signed in with its API token, sees a day
 * of its matches (today by default), which are live, each destination's push and the player. The
 * token is kept in an HttpOnly, SameSite=Strict cookie scoped to the console and checked on every
 * request like an API call's; the page refreshes its matches every two seconds from
 * {@code /console/matches}. Every value is HTML-escaped by the templates; the page allows scripts
 * from this service only.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {

    static final String COOKIE = "fanout_console";
    private static final String SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; media-src 'self' blob: http: https:; connect-src 'self' http: https:; "
            + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
    private static final int DAY_LIMIT = 200;

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance login(String error);

        static native TemplateInstance page(ConsoleDay day);

        static native TemplateInstance page$matches(ConsoleDay day);
    }

    private final MatchService matches;
    private final LiveViews views;
    private final JWTParser tokens;
    private final RevokedCredentials revoked;

    public ConsoleResource(MatchService matches, LiveViews views, JWTParser tokens, RevokedCredentials revoked) {
        this.matches = matches;
        this.views = views;
        this.tokens = tokens;
        this.revoked = revoked;
    }

    @GET
    public Response page(@CookieParam(COOKIE) String token, @QueryParam("day") String day) {
        Optional<UUID> partner = partner(token);
        if (partner.isEmpty()) {
            return html(Response.status(token == null ? Response.Status.OK : Response.Status.UNAUTHORIZED),
                    Templates.login(token == null ? null : "Your token has expired or is not valid: sign in again."));
        }
        return html(Response.ok(), Templates.page(day(partner.get(), day)));
    }

    /** The day's matches alone, for the page to refresh itself with. */
    @GET
    @Path("/matches")
    public Response matches(@CookieParam(COOKIE) String token, @QueryParam("day") String day) {
        Optional<UUID> partner = partner(token);
        if (partner.isEmpty()) {
            return Response.status(Response.Status.UNAUTHORIZED).build();
        }
        return html(Response.ok(), Templates.page$matches(day(partner.get(), day)));
    }

    @POST
    @Path("/session")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("token") String token, @Context UriInfo uri) {
        String trimmed = token == null ? "" : token.trim();
        if (partner(trimmed).isEmpty()) {
            return html(Response.status(Response.Status.UNAUTHORIZED),
                    Templates.login("That is not a valid partner API token."));
        }
        boolean secure = "https".equals(uri.getBaseUri().getScheme());
        NewCookie cookie = new NewCookie.Builder(COOKIE).value(trimmed).path("/console").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).build();
        return Response.seeOther(URI.create("/console")).cookie(cookie).build();
    }

    @POST
    @Path("/logout")
    @Consumes(MediaType.WILDCARD)
    public Response signOut() {
        NewCookie gone = new NewCookie.Builder(COOKIE).value("").path("/console").httpOnly(true).maxAge(0)
                .sameSite(NewCookie.SameSite.STRICT).build();
        return Response.seeOther(URI.create("/console")).cookie(gone).build();
    }

    private ConsoleDay day(UUID partner, String requested) {
        LocalDate day = LocalDate.now(ZoneOffset.UTC);
        if (requested != null) {
            try {
                day = LocalDate.parse(requested);
            } catch (DateTimeParseException ignored) {
                // an odd day in the address shows today
            }
        }
        MatchFilter filter = new MatchFilter(null, null, day.atStartOfDay().toInstant(ZoneOffset.UTC),
                day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), null, null, null, null);
        List<ConsoleMatch> list = matches.page(partner, filter, DAY_LIMIT).stream()
                .map(m -> views.of(partner, m)).map(LiveModels::view).map(ConsoleMatch::of).toList();
        return new ConsoleDay(day, day.minusDays(1), day.plusDays(1), list);
    }

    /** The partner a console token stands for, if it is a valid partner API token. */
    private Optional<UUID> partner(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonWebToken jwt = tokens.parse(token);
            if (!jwt.getGroups().contains("partner")) {
                return Optional.empty();
            }
            return Optional.of(revoked.partner(jwt.getSubject(), jwt.getTokenID()));
        } catch (ParseException | NotAuthorizedException invalid) {
            return Optional.empty();
        }
    }

    private static Response html(Response.ResponseBuilder response, TemplateInstance page) {
        return response.entity(page).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", SECURITY_POLICY).header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store").build();
    }
}

package io.fanout.publish.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fanout.contracts.push.Network;
import io.fanout.publish.domain.DestinationAddressPolicy;
import io.fanout.publish.persistence.ConnectionRow;
import io.fanout.publish.service.AccountConnections;
import io.fanout.publish.service.AccountConnections.CallbackOutcome;
import io.fanout.servicekit.api.Printable;
import io.fanout.servicekit.api.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Connecting a network account instead of pasting its token: {@code POST /v1/connections} answers
 * with the network's consent page ({@code consentUrl}, given once) for the partner to open in a
 * browser; the network sends that browser back to {@code /v1/connections/callback}, which takes
 * each state once and, on success, creates the destination ({@code destinationId}). The callback
 * needs no partner token (the browser has none): the state, 256 random bits known only to the
 * partner that started the flow, is what proves it.
 */
@Path("/v1/connections")
@RolesAllowed("partner")
@Produces(MediaType.APPLICATION_JSON)
public class ConnectionResource {

    public record StartConnection(
            @NotBlank @Size(max = 200) @Pattern(regexp = Printable.TEXT, message = Printable.MESSAGE) String name,
            @NotBlank @Pattern(regexp = "(?i)youtube|facebook|x", message = "must be youtube, facebook or x") String network,
            @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9_-]+", message = "must be an id") String accountId,
            @Size(max = 2000) String ingestUrl,
            @Size(max = 500) String streamKey,
            @Min(144) @Max(4320) Integer maxVideoHeight) {

        Network parsedNetwork() {
            return Network.valueOf(network.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * A connection as its partner sees it: {@code status} pending, exchanging, connected, failed or
     * expired; {@code reason} why it failed; {@code destinationId} the destination it created.
     * {@code consentUrl} is present only in the answer that started it.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConnectionView(UUID id, String name, Network network, String status, String reason,
            UUID destinationId, URI consentUrl, Instant createdAt, Instant expiresAt, Instant finishedAt) {

        static ConnectionView of(ConnectionRow row, URI consentUrl) {
            String status = row.expired(Instant.now()) ? "expired" : row.status().name().toLowerCase(Locale.ROOT);
            return new ConnectionView(row.id(), row.name(), row.network(), status, row.reason(), row.destinationId(),
                    consentUrl, row.createdAt(), row.expiresAt(), row.finishedAt());
        }
    }

    private final AccountConnections connections;
    private final CallerPartner caller;
    private final DestinationAddressPolicy addresses;

    public ConnectionResource(AccountConnections connections, CallerPartner caller, DestinationAddressPolicy addresses) {
        this.connections = connections;
        this.caller = caller;
        this.addresses = addresses;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(@Valid @NotNull StartConnection request) {
        Network network = request.parsedNetwork();
        if (!connections.connectable(network)) {
            return DestinationFields.invalid(List.of(new Problem.FieldError("network", "cannot be connected here: Fanout "
                    + "has no OAuth client at " + network.name().toLowerCase(Locale.ROOT)
                    + "; create the destination with a token instead")));
        }
        Map<String, String> given = DestinationFields.given(request.ingestUrl(), request.streamKey(), request.accountId());
        Optional<Response> refusal = DestinationFields.refusal(addresses, network, given);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        AccountConnections.Started started = connections.start(caller.id(), new AccountConnections.NewConnection(
                request.name(), network, DestinationFields.kept(network, "accountId", request.accountId()),
                DestinationFields.kept(network, "ingestUrl", request.ingestUrl()),
                DestinationFields.kept(network, "streamKey", request.streamKey()), request.maxVideoHeight()));
        return Response.status(Response.Status.CREATED)
                .entity(ConnectionView.of(started.connection(), started.consentUrl())).build();
    }

    @GET
    public List<ConnectionView> list() {
        return connections.list(caller.id()).stream().map(row -> ConnectionView.of(row, null)).toList();
    }

    @GET
    @Path("/{id}")
    public ConnectionView get(@PathParam("id") UUID id) {
        return connections.find(caller.id(), id).map(row -> ConnectionView.of(row, null))
                .orElseThrow(() -> new NotFoundException("no connection " + id));
    }

    /**
     * Where the network sends the browser back (RFC 6749 section 4.1.2): {@code state} with
     * {@code code}, or with {@code error} when the account's owner declined. Answers the connection,
     * connected or failed; a state that names none, was used, or expired is refused.
     */
    @GET
    @Path("/callback")
    @PermitAll
    public Response callback(@QueryParam("state") String state, @QueryParam("code") String code,
            @QueryParam("error") String error) {
        if (state == null || state.isBlank() || state.length() > 200) {
            throw Problem.invalidField("state", "is required: the state the consent page was opened with");
        }
        CallbackOutcome outcome = connections.complete(state, code, error);
        if (outcome.refusal() == null) {
            return Response.ok(ConnectionView.of(outcome.connection(), null)).build();
        }
        return switch (outcome.refusal()) {
            case UNKNOWN -> throw Problem.invalidField("state", "names no connection");
            case USED -> Problem.response(Response.Status.CONFLICT,
                    "this connection's state was used already; start a new connection");
            case EXPIRED -> Problem.response(Response.Status.GONE,
                    "this connection expired before the network sent its owner back; start a new connection");
        };
    }
}

package io.fanout.publish.api;

import io.fanout.contracts.push.Network;
import io.fanout.publish.domain.DestinationAddressPolicy;
import io.fanout.publish.domain.NetworkLimits;
import io.fanout.publish.domain.RetryPolicy;
import io.fanout.publish.persistence.DestinationRow;
import io.fanout.publish.service.DestinationService;
import io.fanout.publish.service.RetryPolicies;
import io.fanout.servicekit.api.Printable;
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
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Locale;
import java.util.UUID;

/**
 * A partner's destinations: where its streams can be simulcast. Stream keys and tokens are accepted
 * here and never returned. What a destination needs depends on its network: {@code rtmp} and
 * {@code twitch} an ingest URL and stream key; {@code youtube} the channel's OAuth refresh token;
 * {@code facebook} the page id and page access token; {@code x} the stream source's id, its RTMPS
 * URL and key, and the account's token. A YouTube, Facebook or X destination can instead come from
 * connecting the account ({@link ConnectionResource}). Any destination may take fewer lines than
 * its network ({@code maxVideoHeight}): its pushes then read a rendition that fits.
 */
@Path("/v1/destinations")
@RolesAllowed("partner")
@Produces(MediaType.APPLICATION_JSON)
public class DestinationResource {

    public record CreateDestination(
            @NotBlank @Size(max = 200) @Pattern(regexp = Printable.TEXT, message = Printable.MESSAGE) String name,
            @NotBlank @Pattern(regexp = "(?i)rtmp|twitch|youtube|facebook|x",
                    message = "must be rtmp, twitch, youtube, facebook or x") String network,
            @Size(max = 2000) String ingestUrl,
            @Size(max = 500) String streamKey,
            @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9_-]+", message = "must be an id") String accountId,
            @Size(max = 4000) String token,
            @Valid RetryPolicyBody retryPolicy,
            @Min(144) @Max(4320) Integer maxVideoHeight) {

        Network parsedNetwork() {
            return Network.valueOf(network.toUpperCase(Locale.ROOT));
        }
    }

    /** A destination's own retry policy; a missing value keeps the service's default. */
    public record RetryPolicyBody(
            @Min(1) @Max(100) Integer maxAttempts,
            @Min(1) @Max(600) Integer maxDelaySeconds) {

        Duration maxDelay() {
            return maxDelaySeconds == null ? null : Duration.ofSeconds(maxDelaySeconds);
        }
    }

    /** Changes a destination: {@code retryPolicy} replaces its own policy ({@code {}} restores the default). */
    public record ChangeDestination(@Valid @NotNull RetryPolicyBody retryPolicy) {
    }

    /** The policy pushes to the destination follow, and whether it is the destination's own or the default. */
    public record RetryPolicyView(int maxAttempts, long maxDelaySeconds, boolean custom) {
    }

    /**
     * A destination as its partner sees it, without its credentials. {@code maxVideoHeight} is the
     * most lines its pushes send: the destination's own limit or its network's, null for none.
     */
    public record DestinationView(UUID id, String name, Network network, String ingestUrl, String accountId,
            RetryPolicyView retryPolicy, Integer maxVideoHeight, Instant createdAt) {

        static DestinationView of(DestinationRow row, RetryPolicy policy) {
            boolean custom = row.retryMaxAttempts() != null || row.retryMaxDelay() != null;
            return new DestinationView(row.id(), row.name(), row.network(), row.ingestUrl(), row.accountId(),
                    new RetryPolicyView(policy.maxAttempts(), policy.maxDelay().toSeconds(), custom),
                    NetworkLimits.of(row.network()).pictureLimit(row.maxVideoHeight()), row.createdAt());
        }
    }

    private final DestinationService destinations;
    private final CallerPartner caller;
    private final DestinationAddressPolicy addresses;
    private final RetryPolicies retryPolicies;

    public DestinationResource(DestinationService destinations, CallerPartner caller,
            DestinationAddressPolicy addresses, RetryPolicies retryPolicies) {
        this.destinations = destinations;
        this.caller = caller;
        this.addresses = addresses;
        this.retryPolicies = retryPolicies;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull CreateDestination request) {
        Network network = request.parsedNetwork();
        Map<String, String> given = DestinationFields.given(request.ingestUrl(), request.streamKey(), request.accountId());
        given.put("token", request.token());
        Optional<Response> refusal = DestinationFields.refusal(addresses, network, given);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        RetryPolicyBody retry = request.retryPolicy() != null ? request.retryPolicy() : new RetryPolicyBody(null, null);
        DestinationRow row = destinations.create(caller.id(), new DestinationService.NewDestination(request.name(),
                network, DestinationFields.kept(network, "ingestUrl", request.ingestUrl()),
                DestinationFields.kept(network, "streamKey", request.streamKey()),
                DestinationFields.kept(network, "accountId", request.accountId()),
                DestinationFields.kept(network, "token", request.token()), retry.maxAttempts(), retry.maxDelay(),
                request.maxVideoHeight()));
        return Response.status(Response.Status.CREATED).entity(view(row)).build();
    }

    @GET
    public List<DestinationView> list() {
        return destinations.list(caller.id()).stream().map(this::view).toList();
    }

    @GET
    @Path("/{id}")
    public DestinationView get(@PathParam("id") UUID id) {
        return destinations.find(caller.id(), id).map(this::view)
                .orElseThrow(() -> new NotFoundException("no destination " + id));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public DestinationView change(@PathParam("id") UUID id, @Valid @NotNull ChangeDestination request) {
        RetryPolicyBody retry = request.retryPolicy();
        return destinations.setRetryPolicy(caller.id(), id, retry.maxAttempts(), retry.maxDelay()).map(this::view)
                .orElseThrow(() -> new NotFoundException("no destination " + id));
    }

    private DestinationView view(DestinationRow row) {
        return DestinationView.of(row, retryPolicies.of(row));
    }
}

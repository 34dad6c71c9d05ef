package io.fanout.publish.api;

import io.fanout.contracts.push.Network;
import io.fanout.publish.domain.DestinationAddressPolicy;
import io.fanout.publish.domain.DestinationAddressPolicy.Verdict;
import io.fanout.servicekit.api.Problem;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a destination needs besides its name, by network, whether the partner pastes its credentials
 * ({@code /v1/destinations}) or connects the account ({@code /v1/connections}, where the token comes
 * from the network): {@code rtmp} and {@code twitch} an ingest URL and stream key; {@code youtube} a
 * refresh token; {@code facebook} the page id and its token; {@code x} the stream source's id, its
 * RTMPS URL and key, and a token.
 */
final class DestinationFields {

    private static final Map<Network, List<String>> REQUIRED = Map.of(
            Network.RTMP, List.of("ingestUrl", "streamKey"),
            Network.TWITCH, List.of("ingestUrl", "streamKey"),
            Network.YOUTUBE, List.of("token"),
            Network.FACEBOOK, List.of("accountId", "token"),
            Network.X, List.of("accountId", "token", "ingestUrl", "streamKey"));

    private DestinationFields() {
    }

    /** Whether the network's destinations keep the field. */
    static boolean takes(Network network, String field) {
        return REQUIRED.get(network).contains(field);
    }

    /** The fields among {@code given}'s keys the network needs and the request left empty, each as a field error. */
    static List<Problem.FieldError> missing(Network network, Map<String, String> given) {
        return REQUIRED.get(network).stream().filter(given::containsKey)
                .filter(field -> given.get(field) == null || given.get(field).isBlank())
                .map(field -> new Problem.FieldError(field, "is required for " + network.name().toLowerCase(Locale.ROOT)))
                .toList();
    }

    /**
     * The ingest URL's error, for networks pushed to at a URL the partner gives. A name that does not
     * resolve now is judged again before every push, as is every name.
     */
    static Optional<Problem.FieldError> address(DestinationAddressPolicy addresses, Network network, String ingestUrl) {
        if (!takes(network, "ingestUrl")) {
            return Optional.empty();
        }
        Verdict verdict = addresses.check(ingestUrl);
        return !verdict.allowed() && !verdict.unresolved()
                ? Optional.of(new Problem.FieldError("ingestUrl", verdict.reason())) : Optional.empty();
    }

    /** {@code value} if the network's destinations keep {@code field}, else null (what it does not use is not stored). */
    static String kept(Network network, String field, String value) {
        return takes(network, field) ? value : null;
    }

    /** What the request gives of the fields a network may need (null values for those it left out). */
    static Map<String, String> given(String ingestUrl, String streamKey, String accountId) {
        Map<String, String> given = new HashMap<>();
        given.put("ingestUrl", ingestUrl);
        given.put("streamKey", streamKey);
        given.put("accountId", accountId);
        return given;
    }

    /** The 400 for the first of: fields among {@code given} the network needs and are empty, a refused ingest URL. */
    static Optional<Response> refusal(DestinationAddressPolicy addresses, Network network, Map<String, String> given) {
        List<Problem.FieldError> missing = missing(network, given);
        if (!missing.isEmpty()) {
            return Optional.of(invalid(missing));
        }
        return address(addresses, network, given.get("ingestUrl")).map(error -> invalid(List.of(error)));
    }

    /** The 400 naming each invalid field. */
    static Response invalid(List<Problem.FieldError> errors) {
        return Problem.response(Response.Status.BAD_REQUEST, "invalid field(s): "
                + String.join(", ", errors.stream().map(Problem.FieldError::field).toList()), errors);
    }
}

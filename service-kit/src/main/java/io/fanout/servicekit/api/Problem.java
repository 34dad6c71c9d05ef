package io.fanout.servicekit.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error this service answers with
 * ({@code application/problem+json}). {@code errors} names each invalid field.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field of a request and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    public static Response response(Response.Status status, String detail) {
        return response(status, detail, List.of());
    }

    /** What to throw for one invalid request field (a query parameter, say): a 400 naming it. */
    public static WebApplicationException invalidField(String field, String message) {
        return new WebApplicationException(response(Response.Status.BAD_REQUEST, "invalid field: " + field,
                List.of(new FieldError(field, message))));
    }

    /** A problem the client may retry after {@code seconds} (a 429, a 503): the {@code Retry-After} header says when. */
    public static Response retryLater(Response.Status status, String detail, long seconds) {
        return Response.fromResponse(response(status, detail)).header("Retry-After", seconds).build();
    }

    public static Response response(Response.Status status, String detail, List<FieldError> errors) {
        Problem problem = new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, errors);
        return Response.status(status).type(MEDIA_TYPE).entity(problem).build();
    }
}

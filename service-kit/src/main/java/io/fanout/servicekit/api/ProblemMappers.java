package io.fanout.servicekit.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.fanout.servicekit.jdbc.Jdbc;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into a problem detail: invalid fields and unreadable bodies are 400s naming
 * the field, HTTP errors keep their status, a database out of reach is a 503 with
 * {@code Retry-After}, anything else unexpected is a 500 that reveals nothing but is logged in full.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** What a client is told to wait before trying again while the database is away. */
    static final int RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String fields = errors.stream().map(Problem.FieldError::field).distinct().collect(Collectors.joining(", "));
        return Problem.response(Response.Status.BAD_REQUEST, "invalid field(s): " + fields, errors);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : "[" + r.getIndex() + "]").collect(Collectors.joining("."));
            String why = e instanceof TextGuard.RefusedText refused ? refused.getOriginalMessage()
                    : "has the wrong type or format";
            return Problem.response(Response.Status.BAD_REQUEST, "invalid field: " + field,
                    List.of(new Problem.FieldError(field, why)));
        }
        return Problem.response(Response.Status.BAD_REQUEST, "the body is not valid JSON");
    }

    /** Quarkus has a built-in mapper for this subtype; ours must be at least as specific to win. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException unreadableBody) {
            return unreadable(unreadableBody);
        }
        if (e.getResponse().getEntity() instanceof Problem) {
            return e.getResponse();
        }
        Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
        if (status == null) {
            status = Response.Status.INTERNAL_SERVER_ERROR;
        }
        return Problem.response(status, e.getMessage());
    }

    /**
     * A database that cannot be reached is the service being unavailable for a while, not a bug: 503
     * with {@code Retry-After}, and nothing was changed. Anything else unexpected is a 500.
     */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        if (Jdbc.unavailable(e)) {
            LOG.warnf("database unavailable: %s", e.getMessage());
            return Problem.retryLater(Response.Status.SERVICE_UNAVAILABLE,
                    "the service's database cannot be reached; nothing was changed, try again shortly", RETRY_AFTER_SECONDS);
        }
        LOG.error("unexpected failure", e);
        return Problem.response(Response.Status.INTERNAL_SERVER_ERROR, "unexpected error; it has been logged");
    }

    /** The body's field, dotted when nested ({@code retryPolicy.maxAttempts}); else the last node's name. */
    private static String field(ConstraintViolation<?> violation) {
        String last = null;
        StringBuilder properties = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            last = node.getName();
            if (node.getKind() == ElementKind.PROPERTY) {
                properties.append(properties.length() == 0 ? "" : ".").append(node.getName());
            }
        }
        if (properties.length() > 0) {
            return properties.toString();
        }
        return last == null ? "body" : last;
    }
}

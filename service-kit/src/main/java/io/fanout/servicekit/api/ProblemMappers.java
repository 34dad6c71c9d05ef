package io.fanout.servicekit.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
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
 * the field, HTTP errors keep their status, anything unexpected is a 500 that reveals nothing but
 * is logged in full.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

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
            return Problem.response(Response.Status.BAD_REQUEST, "invalid field: " + field,
                    List.of(new Problem.FieldError(field, "has the wrong type or format")));
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

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
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

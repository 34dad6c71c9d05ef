package io.fanout.catalog.api;

import io.fanout.catalog.domain.RefusedChange;
import io.fanout.catalog.service.InvalidReference;
import io.fanout.servicekit.api.Problem;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The catalog's own refusals as problem details: a reference the partner does not own, a refused change. */
public class CatalogProblems {

    @ServerExceptionMapper
    public Response invalidReference(InvalidReference e) {
        return Problem.response(Response.Status.BAD_REQUEST, "invalid field: " + e.field(),
                List.of(new Problem.FieldError(e.field(), e.getMessage())));
    }

    @ServerExceptionMapper
    public Response refused(RefusedChange e) {
        return Problem.response(Response.Status.CONFLICT, e.getMessage());
    }
}

package io.geoingest.status.stac;

import io.geoingest.common.error.ErrorResponses;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

public class StacExceptionMapper {

    @ServerExceptionMapper
    public Response refused(StacException exception) {
        return ErrorResponses.stac(exception.status(), exception.getMessage());
    }
}

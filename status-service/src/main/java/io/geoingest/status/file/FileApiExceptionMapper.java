package io.geoingest.status.file;

import io.geoingest.common.error.ErrorResponses;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

public class FileApiExceptionMapper {

    @ServerExceptionMapper
    public Response refused(FileApiException exception) {
        return ErrorResponses.giq(exception.status(), exception.getMessage());
    }
}

package io.geoingest.upload;

import io.geoingest.common.error.ErrorResponses;
import io.geoingest.common.http.RequestPaths;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Bodies of a type an endpoint does not take, answered in the API's format. */
public class UnsupportedMediaTypeMapper {
    /** Endpoints that take a file: a request that is not multipart lacks the file, which the spec answers with 400. */
    private static final Set<String> FILE_ENDPOINTS = Set.of("/public/file/upload", "/public/file/uploadChunk");

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException exception, HttpServerRequest request) {
        if (FILE_ENDPOINTS.contains(RequestPaths.endpoint(RequestPaths.of(request)))) {
            return ErrorResponses.giq(Response.Status.BAD_REQUEST,
                    "Bad Request: file is required, sent as multipart/form-data (curl --form 'file=@...')");
        }
        String type = request.getHeader("Content-Type");
        String message = type == null
                ? "Unsupported Media Type: the body has no Content-Type"
                : "Unsupported Media Type: " + type;
        return ErrorResponses.forPath(request.path(), Response.Status.UNSUPPORTED_MEDIA_TYPE, message, message);
    }
}

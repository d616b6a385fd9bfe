package io.geoingest.common.auth;

import io.geoingest.common.error.ErrorResponses;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Authentication and authorisation failures in the error format of the API that was called. */
public class AuthErrorMapper {
    private static final String UNAUTHORIZED = "Unauthorized Request";
    private static final String FORBIDDEN = "Permission Denied";

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(HttpServerRequest request) {
        Response response = ErrorResponses.forPath(request.path(), Response.Status.UNAUTHORIZED, UNAUTHORIZED,
                "Authentication required: send X-API-KEY, a Bearer token or HTTP Basic with an API key");
        return Response.fromResponse(response).header("WWW-Authenticate", "Basic realm=\"geoingest\"").build();
    }

    @ServerExceptionMapper(ForbiddenException.class)
    public Response forbidden(HttpServerRequest request) {
        return ErrorResponses.forPath(request.path(), Response.Status.FORBIDDEN, FORBIDDEN,
                "Permission denied: files_admin or files_upload is required");
    }
}

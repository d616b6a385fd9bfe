package io.geoingest.common.auth;

import io.geoingest.common.error.ErrorResponses;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Authentication and authorisation failures in the error format of the API that was called. */
public class AuthErrorMapper {
    static final String UNAUTHORIZED = "Unauthorized Request";
    static final String FORBIDDEN = "Permission Denied";
    static final String FORBIDDEN_DESCRIPTION = "Permission denied: files_admin or files_upload is required";
    static final String CHALLENGE_HEADER = "WWW-Authenticate";
    static final String CHALLENGE = "Basic realm=\"geoingest\"";

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(HttpServerRequest request) {
        return unauthorizedAnswer(request);
    }

    static Response unauthorizedAnswer(HttpServerRequest request) {
        Response response = ErrorResponses.forPath(request.path(), Response.Status.UNAUTHORIZED, UNAUTHORIZED,
                whyUnauthorized(request));
        return Response.fromResponse(response).header(CHALLENGE_HEADER, CHALLENGE).build();
    }

    /** A client that sent credentials learns which were refused, rather than being told to send some. */
    static String whyUnauthorized(HttpServerRequest request) {
        if (request.getHeader(ApiKeyAuthenticationMechanism.HEADER) != null) {
            return "The X-API-KEY sent is not a valid key: unknown, revoked or mistyped";
        }
        String authorization = String.valueOf(request.getHeader(HttpHeaders.AUTHORIZATION)).toLowerCase(Locale.ROOT);
        if (authorization.startsWith("bearer ")) {
            return "The Bearer token sent was not accepted: expired, not yet valid, without a subject, or not"
                    + " signed or issued as this service expects";
        }
        if (authorization.startsWith("basic ")) {
            return "The HTTP Basic password sent is not a valid API key: unknown, revoked or mistyped";
        }
        return "Authentication required: send X-API-KEY, a Bearer token or HTTP Basic with an API key";
    }

    @ServerExceptionMapper(ForbiddenException.class)
    public Response forbidden(HttpServerRequest request) {
        return ErrorResponses.forPath(request.path(), Response.Status.FORBIDDEN, FORBIDDEN, FORBIDDEN_DESCRIPTION);
    }
}

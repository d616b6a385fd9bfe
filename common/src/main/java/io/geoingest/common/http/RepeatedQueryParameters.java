package io.geoingest.common.http;

import io.geoingest.common.error.ErrorResponses;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A parameter of the file API given twice in the query is refused rather than one of its values
 * taken: Quarkus takes the first, so {@code ?partNumber=1&partNumber=3} stored part 1 and
 * {@code ?fileId=a&fileId=b} answered for file a, while a form field given twice is refused
 * (MultipartForm). So are those of the STAC asset uploads' lists.
 */
public class RepeatedQueryParameters {
    private static final String FILE_API = "/public/file/";
    /** The parameters the file API reads; others (a cache-buster such as _=123) are none of its business. */
    private static final Set<String> PARAMETERS = Set.of("uploadId", "key", "partNumber", "fileName", "sourceType",
            "fileSize", "fileId", "useDefaultContentType");

    /** The STAC asset uploads (their list, one upload's parts), where ?status=completed&status=aborted was read as completed. */
    private static final Pattern ASSET_UPLOADS = Pattern.compile("^/api/stac/v1/collections/[^/]+/items/[^/]+/assets/[^/]+/uploads(/[^/]+/parts)?/?$");
    private static final Set<String> ASSET_UPLOAD_PARAMETERS = Set.of("status", "limit", "cursor");

    @Inject
    EarlyRefusal refusal;

    /**
     * The refusal comes before the body is read (a chunk of up to 5 GiB may still be arriving), so
     * the request ends as {@link EarlyRefusal} ends one it refuses.
     */
    @ServerRequestFilter
    public Optional<Response> refuseRepeatedParameters(HttpServerRequest request, UriInfo uri, RoutingContext context) {
        String path = RequestPaths.of(request);
        boolean fileApi = path.startsWith(FILE_API);
        if (!fileApi && !ASSET_UPLOADS.matcher(path).find()) {
            return Optional.empty();
        }
        Set<String> read = fileApi ? PARAMETERS : ASSET_UPLOAD_PARAMETERS;
        Optional<String> repeated = uri.getQueryParameters().entrySet().stream()
                .filter(parameter -> read.contains(parameter.getKey()) && parameter.getValue().size() > 1)
                .map(Map.Entry::getKey)
                .sorted()
                .findFirst();
        repeated.ifPresent(name -> refusal.answeredBeforeTheBody(context));
        return repeated.map(name -> fileApi
                ? ErrorResponses.giq(Response.Status.BAD_REQUEST, "Bad Request: the query parameter " + name + " is given more than once")
                : ErrorResponses.stac(Response.Status.BAD_REQUEST, "the query parameter " + name + " is given more than once"));
    }
}

package io.geoingest.status.stac;

import io.geoingest.common.error.StacProblem;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The conditions a request puts on the current state of the document it reads (If-Match,
 * If-None-Match: RFC 9110 §13.1), held against the document's {@link Representation#tag} as JAX-RS
 * evaluates them.
 *
 * <p>Quarkus compares tags strongly for If-None-Match too, where RFC 9110 compares weakly: a client
 * sending back a tag of ours that a proxy weakened ({@code W/"..."}) gets the whole document again
 * instead of a 304. The API itself makes only strong tags.
 */
public record Preconditions(
        @Parameter(description = IF_MATCH) @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
        @Parameter(description = IF_NONE_MATCH) @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
        @Context Request request) {
    static final String IF_MATCH = "Only if the document's current ETag is one of these (`*`: if it exists),"
            + " else 412.";
    static final String IF_NONE_MATCH = "Only if the document's current ETag is none of these: a GET then"
            + " answers 304 Not Modified.";
    /** The description of the 412 answer, also in the API's documentation. */
    public static final String FAILED = "Precondition failed: the document's current ETag is not one If-Match"
            + " names (it has changed)";
    /** The description of the 304 answer in the API's documentation. */
    public static final String NOT_MODIFIED = "Not modified: If-None-Match names the current ETag; no body";
    /** The description of the ETag header of the answers that carry the document. */
    public static final String ETAG = "The document's entity tag, for If-Match and If-None-Match";

    /**
     * The answer to a GET: the document with its ETag, 304 with only the ETag when If-None-Match
     * names it, or 412 when If-Match does not.
     */
    public Response read(Representation current) {
        Response.ResponseBuilder precondition = request.evaluatePreconditions(current.tag());
        if (precondition == null) {
            return Response.ok(current.document()).tag(current.tag()).build();
        }
        Response notModifiedOrFailed = precondition.build();
        if (notModifiedOrFailed.getStatus() == Response.Status.NOT_MODIFIED.getStatusCode()) {
            return notModifiedOrFailed;
        }
        throw StacProblem.preconditionFailed(FAILED);
    }
}

package io.geoingest.status.stac;

import io.geoingest.common.error.StacProblem;
import jakarta.persistence.LockModeType;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The conditions a request puts on the current state of the document it reads or writes
 * (If-Match, If-None-Match: RFC 9110 §13.1), held against the document's {@link Representation#tag}
 * as JAX-RS evaluates them. A write checks them in its own transaction, after it has locked the
 * document's row: checked any earlier, two clients sending the same If-Match could both find it
 * true, and the second would overwrite the first's change unseen.
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
            + " else 412 and nothing is done: a write with the ETag read before does not undo another client's"
            + " change made since. A PUT of a document that does not exist fails it too; a GET or DELETE of one is"
            + " a 404.";
    static final String IF_NONE_MATCH = "Only if the document's current ETag is none of these (`*`: if it does"
            + " not exist, so a PUT only creates). A GET then answers 304 Not Modified, a write 412.";
    /** A write's own, made without conditions (an asset written with the item a POST creates). */
    public static final Preconditions NONE = new Preconditions(null, null, null);
    /** The description of the 412 answer, also in the API's documentation. */
    public static final String FAILED = "Precondition failed: the document's current ETag is not one If-Match"
            + " names (it has changed, or there is no document), or it is one If-None-Match names (`*`: any)";
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

    /**
     * How a write reads the document's row before {@link #requireForWrite}: locked until it
     * commits when the request has conditions. Without them a write takes no lock it did not take
     * before, and a PUT overtaken by a removal stays a conflict to retry rather than a creation.
     */
    public LockModeType rowLock() {
        return given() ? LockModeType.PESSIMISTIC_WRITE : LockModeType.NONE;
    }

    /**
     * A write goes on, or is refused with a 412. {@code current} is the tag of the document as
     * stored now, empty when there is none; it is only read when the request has conditions.
     */
    public void requireForWrite(Supplier<Optional<EntityTag>> current) {
        if (!given()) {
            return;
        }
        Optional<EntityTag> tag = current.get();
        // without a document, If-Match is false and If-None-Match true (RFC 9110 §13.1.1, §13.1.2)
        Response.ResponseBuilder refused = tag.isPresent()
                ? request.evaluatePreconditions(tag.get())
                : request.evaluatePreconditions();
        if (refused != null) {
            throw StacProblem.preconditionFailed(FAILED);
        }
    }

    private boolean given() {
        return ifMatch != null || ifNoneMatch != null;
    }
}

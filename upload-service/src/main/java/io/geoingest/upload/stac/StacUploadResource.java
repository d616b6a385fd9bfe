package io.geoingest.upload.stac;

import io.geoingest.common.auth.Caller;
import io.geoingest.common.auth.Permission;
import io.geoingest.upload.chunked.UploadStatus;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

@Path("/api/stac/v1/collections/{collection}/items/{item}/assets/{asset}/uploads")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Permission.ADMIN, Permission.UPLOAD})
public class StacUploadResource {
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    @Inject
    StacUploads uploads;

    @Inject
    SecurityIdentity identity;

    @Context
    UriInfo uriInfo;

    @PathParam("collection")
    String collection;

    @PathParam("item")
    String item;

    @PathParam("asset")
    String asset;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(NewStacUpload request) {
        if (request == null) {
            throw StacProblem.badRequest("The body must be a JSON object with number_parts, md5_parts and file:checksum");
        }
        StacUploadView upload = uploads.start(Caller.of(identity), asset(), request);
        return Response.created(uriInfo.getAbsolutePathBuilder().path(upload.uploadId()).build()).entity(upload).build();
    }

    @GET
    public UploadList list(@QueryParam("status") String status, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        int pageSize = limit(limit);
        List<StacUploadRow> rows = uploads.list(asset(), status(status), Optional.ofNullable(cursor), pageSize + 1);
        List<StacUploadRow> page = rows.subList(0, Math.min(pageSize, rows.size()));
        List<Link> links = rows.size() > pageSize
                ? List.of(next(page.get(page.size() - 1).id()))
                : List.of();
        return new UploadList(page.stream().map(uploads::view).toList(), links);
    }

    @GET
    @Path("{uploadId}")
    public Response get(@PathParam("uploadId") String uploadId, @Context Request request) {
        StacUploadRow upload = uploads.find(asset(), uploadId);
        EntityTag tag = new EntityTag(StacUploads.entityTag(upload));
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
        if (unchanged != null) {
            return unchanged.tag(tag).build();
        }
        return Response.ok(uploads.view(upload)).tag(tag).build();
    }

    @GET
    @Path("{uploadId}/parts")
    public PartList parts(@PathParam("uploadId") String uploadId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        StacUploads.PartPage page = uploads.parts(asset(), uploadId, partCursor(cursor), limit(limit));
        return new PartList(page.parts(), page.nextAfter().map(after -> List.of(next(after.toString()))).orElse(List.of()));
    }

    @POST
    @Path("{uploadId}/complete")
    @Consumes(MediaType.APPLICATION_JSON)
    public StacUploadView complete(@PathParam("uploadId") String uploadId, CompleteStacUpload request) {
        return uploads.complete(asset(), uploadId, request);
    }

    @POST
    @Path("{uploadId}/abort")
    public StacUploadView abort(@PathParam("uploadId") String uploadId) {
        return uploads.abort(asset(), uploadId);
    }

    private AssetRef asset() {
        return new AssetRef(collection, item, asset);
    }

    private Link next(String cursor) {
        return new Link("next", uriInfo.getRequestUriBuilder().replaceQueryParam("cursor", cursor).build().toString());
    }

    private static Optional<UploadStatus> status(String status) {
        if (status == null || status.isBlank()) {
            return Optional.empty();
        }
        return Arrays.stream(UploadStatus.values())
                .filter(value -> value != UploadStatus.COMPLETING && value.value().equals(status))
                .findFirst()
                .map(Optional::of)
                .orElseThrow(() -> StacProblem.badRequest("status must be in-progress, completed or aborted, got " + status));
    }

    private static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // answered below like any other bad limit
        }
        throw StacProblem.badRequest("limit must be a whole number between 1 and " + MAX_LIMIT + ", got " + limit);
    }

    private static int partCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            int value = Integer.parseInt(cursor.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // answered below like any other bad cursor
        }
        throw StacProblem.badRequest("cursor must be the cursor of a next link, got " + cursor);
    }
}

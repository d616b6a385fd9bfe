package io.geoingest.status.stac;

import io.geoingest.common.stac.StacPaths;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A request to the STAC API whose links could not be made (see {@link StacUrls#of}) is refused
 * before it is carried out: a PUT would otherwise be written, then answered with a 400.
 */
public class LinkableRequests {

    @ServerRequestFilter(preMatching = true)
    public void refuseUnlinkableRequests(ContainerRequestContext request, HttpServerRequest http) {
        if (StacPaths.isStacPath(http.path())) {
            StacUrls.of(request.getUriInfo());
        }
    }
}

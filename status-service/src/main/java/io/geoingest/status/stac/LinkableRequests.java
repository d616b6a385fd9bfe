package io.geoingest.status.stac;

import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A request to the STAC API whose links could not be made (see {@link StacUrls#of}) is refused
 * before it is carried out: a PUT would otherwise be written, then answered with a 400.
 */
public class LinkableRequests {

    @ServerRequestFilter(preMatching = true)
    public void refuseUnlinkableRequests(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().startsWith(StacApi.BASE_PATH)) {
            StacUrls.of(request.getUriInfo());
        }
    }
}

package io.geoingest.common.auth;

import io.geoingest.common.http.ResourceRoutes;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The second guard of a catalog closed to callers without credentials
 * ({@code geoingest.auth.anonymous-catalog-reads=false}). {@link CredentialsFirst} judges a request
 * by the route its path matches, ahead of Quarkus REST; an endpoint open to anyone has no
 * annotation left to refuse a request that a spelling of its path took past that judgement (as
 * {@code /collections;x} did, until the paths were read without their matrix parameters). This
 * refuses it where Quarkus REST has picked the endpoint. (Application scoped: Quarkus REST makes
 * its filters while the application starts, before a configuration mapping can be injected.)
 */
@ApplicationScoped
public class ClosedCatalog {

    @Inject
    AuthConfig config;

    @Inject
    CurrentIdentityAssociation identities;

    @ServerRequestFilter
    public Uni<Response> requireCredentialsWhileClosed(ResourceInfo resource, HttpServerRequest request) {
        if (config.anonymousCatalogReads() || resource.getResourceMethod() == null
                || !CredentialsFirst.openToAnyone(new ResourceRoutes.Endpoint(resource.getResourceClass(), resource.getResourceMethod()))) {
            return Uni.createFrom().nullItem();
        }
        return identities.getDeferredIdentity()
                .map(identity -> identity.isAnonymous() ? AuthErrorMapper.unauthorizedAnswer(request) : null);
    }
}

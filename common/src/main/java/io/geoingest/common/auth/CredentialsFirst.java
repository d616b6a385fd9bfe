package io.geoingest.common.auth;

import io.geoingest.common.http.EarlyRefusal;
import io.geoingest.common.http.RequestPaths;
import io.geoingest.common.http.ResourceRoutes;
import io.geoingest.common.limits.BodyTooLarge;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.reflect.AnnotatedElement;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Answers a request without valid credentials 401, and one whose caller lacks the permission its
 * endpoint needs 403, before anything looks at its body or its headers: Quarkus REST matches
 * Content-Type and Accept before it checks {@code @RolesAllowed}, and the body limits run before
 * Quarkus REST, so a client with a mistyped key was told to fix its body (400, 406, 413, 415).
 * The refusal is the one {@link AuthErrorMapper} gives, made from a route ahead of the body
 * limits, without reading the body ({@link EarlyRefusal}).
 *
 * <p>Only requests an endpoint of the service takes with their method are judged here, by that
 * endpoint's annotations: a method the path does not take stays a 405 and OPTIONS answers
 * without credentials ({@code MethodNotAllowed}), a path that is not there a 404, whatever
 * credentials come with them. What an endpoint decides beyond its permissions (who owns a file)
 * it decides itself, once it has read the request. Credentials that cannot be checked (the
 * database out of reach) fail the request as they did without this check.
 *
 * <p>An endpoint open to anyone ({@code @PermitAll}, the STAC catalog's reads) takes a request
 * without credentials while {@code geoingest.auth.anonymous-catalog-reads} is on, and reads for
 * that caller only what is shared; credentials that come with it are still checked, so that a
 * mistyped key is told so (401) rather than shown less than its owner may see.
 */
@ApplicationScoped
public class CredentialsFirst {
    /** After Quarkus' authentication (-200), which sets up the caller's identity, and before the body limits. */
    private static final int ROUTE_ORDER = BodyTooLarge.ROUTE_ORDER - 1;

    /**
     * What an endpoint's annotations ask of its caller: credentials unless it is open to anyone, and
     * one of {@code roles} unless empty.
     */
    record Needs(boolean openToAnyone, Set<String> roles) {
        static final Needs ANYONE = new Needs(true, Set.of());

        /** Whether a caller without credentials is let in, when endpoints open to anyone take such callers. */
        boolean letInAnonymously(boolean anonymousReads) {
            return openToAnyone && anonymousReads;
        }

        boolean metBy(SecurityIdentity identity) {
            return roles.isEmpty() || roles.stream().anyMatch(identity::hasRole);
        }
    }

    static final String BASIC_FROM_ANOTHER_SITE = "HTTP Basic credentials are not taken for a change a page of another"
            + " site asks a browser to make: the page sends X-API-KEY or a Bearer token";
    private static final String FETCH_SITE = "Sec-Fetch-Site";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    ResourceRoutes routes;

    @Inject
    AuthConfig config;

    @Inject
    EarlyRefusal refusal;

    void install(@Observes Router router) {
        router.route().order(ROUTE_ORDER).handler(context -> {
            String path = RequestPaths.of(context.request());
            Optional<Needs> needs = needsOf(routes.endpointsOf(path, context.request().method().name()));
            if (needs.isEmpty()) {
                context.next();
                return;
            }
            // Quarkus hands a failed authentication to this handler, which fails the route and
            // answers without EarlyRefusal (the body left on the connection): a refusal is made below.
            BiConsumer<RoutingContext, Throwable> otherFailures = context.get(QuarkusHttpUser.AUTH_FAILURE_HANDLER);
            context.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, (BiConsumer<RoutingContext, Throwable>) (failed, failure) -> {
                if (!(failure instanceof AuthenticationFailedException) && otherFailures != null) {
                    otherFailures.accept(failed, failure);
                }
            });
            // The identity may be looked up on a worker thread; the request goes on on its own context.
            Context requestContext = Vertx.currentContext();
            QuarkusHttpUser.getSecurityIdentity(context, null).subscribe().with(
                    identity -> requestContext.runOnContext(next -> judge(context, path, needs.get(), identity)),
                    failure -> requestContext.runOnContext(next -> {
                        if (failure instanceof AuthenticationFailedException) {
                            refuseUnauthorized(context, path);
                        } else if (!context.failed()) {
                            context.next();
                        }
                    }));
        });
    }

    private void judge(RoutingContext context, String path, Needs needs, SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            if (needs.letInAnonymously(config.anonymousCatalogReads()) && !carriesCredentials(context.request())) {
                context.next();
            } else {
                refuseUnauthorized(context, path);
            }
        } else if (basicRememberedForAnotherSite(context.request())) {
            refusal.refuse(context, path, HttpResponseStatus.FORBIDDEN, AuthErrorMapper.FORBIDDEN,
                    BASIC_FROM_ANOTHER_SITE);
        } else if (!needs.metBy(identity)) {
            refusal.refuse(context, path, HttpResponseStatus.FORBIDDEN, AuthErrorMapper.FORBIDDEN,
                    AuthErrorMapper.FORBIDDEN_DESCRIPTION);
        } else {
            context.next();
        }
    }

    /**
     * Whether the request changes something with HTTP Basic credentials, sent by a browser for a
     * page of another site. A browser that prompted for them (after the challenge every 401 carries)
     * remembers them and sends them with any request to this host, a form another site's page posts
     * included, which the page never had to know a key for; no CORS rule stops a form. Browsers say
     * where a request comes from ({@code Sec-Fetch-Site}); other clients, those Basic is for, send no
     * such header, and a page with a key of its own sends it as X-API-KEY or a Bearer token.
     */
    static boolean basicRememberedForAnotherSite(HttpServerRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String site = request.getHeader(FETCH_SITE);
        return request.getHeader(ApiKeyAuthenticationMechanism.HEADER) == null
                && !SAFE_METHODS.contains(request.method().name())
                && authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)
                && ("cross-site".equalsIgnoreCase(site) || "same-site".equalsIgnoreCase(site));
    }

    /**
     * Whether the request sends credentials, of any kind: one whose credentials no mechanism takes
     * ({@code Authorization: Digest ...}, an empty Bearer) is refused as they are, not read as
     * anonymous, which would show its sender less than it may see without a word.
     */
    static boolean carriesCredentials(HttpServerRequest request) {
        return request.getHeader(ApiKeyAuthenticationMechanism.HEADER) != null
                || request.getHeader(HttpHeaders.AUTHORIZATION) != null;
    }

    private void refuseUnauthorized(RoutingContext context, String path) {
        context.response().putHeader(AuthErrorMapper.CHALLENGE_HEADER, AuthErrorMapper.CHALLENGE);
        refusal.refuse(context, path, HttpResponseStatus.UNAUTHORIZED, AuthErrorMapper.UNAUTHORIZED,
                AuthErrorMapper.whyUnauthorized(context.request()));
    }

    /**
     * What every endpoint that may serve the request asks of its caller, at the least: nothing
     * when one of them has no security annotation, or none serves it; only valid credentials, if
     * any, when one is open to anyone; otherwise credentials, and a role when each of them names
     * roles (one of all those named will do). Quarkus REST picks the endpoint and checks it
     * exactly; this check must never refuse what it would let in.
     */
    static Optional<Needs> needsOf(List<ResourceRoutes.Endpoint> endpoints) {
        Set<String> roles = new HashSet<>();
        boolean rolesNamed = true;
        boolean openToAnyone = false;
        for (ResourceRoutes.Endpoint endpoint : endpoints) {
            AnnotatedElement secured = securedBy(endpoint);
            if (secured == null) {
                return Optional.empty();
            }
            if (secured.isAnnotationPresent(PermitAll.class)) {
                openToAnyone = true;
                continue;
            }
            RolesAllowed allowed = secured.getAnnotation(RolesAllowed.class);
            if (allowed == null) {
                rolesNamed = false;
            } else {
                roles.addAll(List.of(allowed.value()));
            }
        }
        if (endpoints.isEmpty()) {
            return Optional.empty();
        }
        if (openToAnyone) {
            return Optional.of(Needs.ANYONE);
        }
        return Optional.of(new Needs(false, rolesNamed ? Set.copyOf(roles) : Set.of()));
    }

    /** Whether the endpoint is open to anyone ({@code @PermitAll}), as Quarkus reads its annotations. */
    static boolean openToAnyone(ResourceRoutes.Endpoint endpoint) {
        AnnotatedElement secured = securedBy(endpoint);
        return secured != null && secured.isAnnotationPresent(PermitAll.class);
    }

    /** The method when it has a security annotation of its own, else its class when that has one: as Quarkus reads them. */
    private static AnnotatedElement securedBy(ResourceRoutes.Endpoint endpoint) {
        for (AnnotatedElement element : List.of(endpoint.method(), endpoint.resource(), endpoint.method().getDeclaringClass())) {
            if (element.isAnnotationPresent(RolesAllowed.class) || element.isAnnotationPresent(Authenticated.class)
                    || element.isAnnotationPresent(PermitAll.class)) {
                return element;
            }
        }
        return null;
    }
}

package io.geoingest.common.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * A request whose path or query {@link URI} cannot parse (a percent escape that is not one, such as
 * {@code %zz} or a lone {@code %}) is a 400 that says so, in the error format of the API its path
 * belongs to. Quarkus makes that very check itself, ahead of every route and filter of an
 * application, and answers an empty 400, which an Ingress passes on as it is. Its check can only
 * be switched off, by a system property read once when its HTTP classes load ({@link ServiceMain}
 * sets it), so it is made here instead, with the same parser, as the first of all routes: no
 * other route, nor Quarkus REST, ever sees such a URI.
 */
@ApplicationScoped
public class MalformedUri {
    /** Read by Quarkus' VertxHttpRecorder. */
    private static final String QUARKUS_CHECK_OFF = "vertx.disableURIValidation";
    private static final int FIRST = Integer.MIN_VALUE;

    @Inject
    EarlyRefusal refusal;

    /** Hands the check from Quarkus to this class; takes effect only before Quarkus starts. */
    public static void takeOverTheCheck() {
        System.setProperty(QUARKUS_CHECK_OFF, "true");
    }

    void install(@Observes Router router) {
        router.route().order(FIRST).handler(context -> {
            Optional<String> problem = problemOf(context.request().uri());
            if (problem.isPresent()) {
                refusal.refuse(context, context.request().path(), HttpResponseStatus.BAD_REQUEST,
                        "Bad Request: the request's path or query is not valid: " + problem.get());
            } else {
                context.next();
            }
        });
    }

    private static Optional<String> problemOf(String uri) {
        if (uri == null) {
            return Optional.of("the request has none");
        }
        try {
            new URI(uri);
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of(e.getMessage());
        }
    }
}

package io.geoingest.common.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A request target with raw UTF-8 in it is taken as if it were percent-encoded
 * ({@link RawUtf8Targets}). A request whose path or query {@link URI} cannot parse (a percent escape that is not one, such as
 * {@code %zz} or a lone {@code %}) is a 400 that says so, in the error format of the API its path
 * belongs to. Quarkus makes that very check itself, ahead of every route and filter of an
 * application, and answers an empty 400, which an Ingress passes on as it is. Its check can only
 * be switched off, by a system property read once when its HTTP classes load ({@link ServiceMain}
 * sets it), so it is made here instead, with the same parser. Escapes that stand for bytes that are
 * not UTF-8 (a Latin-1 {@code %E9}) are refused too: decoded, they would turn into replacement
 * characters, in a file name as anywhere else.
 *
 * <p>The route takes the lowest order there is. Quarkus gives the same order to routes of its own
 * that note a request and pass it on (the access log, the request's start time, configured
 * response headers, dev mode's hot replacement); Vert.x runs routes of one order in the order they
 * were added, and Quarkus adds those after it hands the router to observers such as this one. So
 * this route runs first: no other route, nor Quarkus REST, sees such a URI, and its refusals are
 * not in the access log (as Quarkus' own were not).
 *
 * <p>The router observed takes every request only while {@code quarkus.http.root-path} is
 * {@code /}: under another root path Quarkus mounts it on a router of its own, which no
 * application can add a route to, and requests outside the root path would go unchecked. So a
 * service does not start with another root path.
 */
@ApplicationScoped
public class MalformedUri {
    /** Read by Quarkus' VertxHttpRecorder. */
    private static final String QUARKUS_CHECK_OFF = "vertx.disableURIValidation";
    private static final String ROOT = "/";
    private static final int FIRST = Integer.MIN_VALUE;

    @Inject
    EarlyRefusal refusal;

    @ConfigProperty(name = "quarkus.http.root-path")
    String rootPath;

    /** Hands the check from Quarkus to this class; takes effect only before Quarkus starts. */
    public static void takeOverTheCheck() {
        System.setProperty(QUARKUS_CHECK_OFF, "true");
    }

    void install(@Observes Router router) {
        requireTheRootPath(rootPath);
        router.route().order(FIRST).handler(context -> {
            Optional<String> rawUtf8;
            try {
                rawUtf8 = RawUtf8Targets.percentEncoded(context.request().uri());
            } catch (CharacterCodingException e) {
                refusal.refuse(context, context.request().path(), HttpResponseStatus.BAD_REQUEST, RawUtf8Targets.NOT_UTF8);
                return;
            }
            if (rawUtf8.isPresent()) {
                // routed again from the start, this route included, as if the client had encoded it
                context.reroute(context.request().method(), rawUtf8.get());
                return;
            }
            Optional<String> problem = problemOf(context.request().uri());
            if (problem.isPresent()) {
                refusal.refuse(context, context.request().path(), HttpResponseStatus.BAD_REQUEST,
                        "Bad Request: the request's path or query is not valid: " + problem.get());
            } else if (!RawUtf8Targets.escapesAreUtf8(context.request().uri())) {
                refusal.refuse(context, context.request().path(), HttpResponseStatus.BAD_REQUEST, RawUtf8Targets.ESCAPES_NOT_UTF8);
            } else {
                context.next();
            }
        });
    }

    /** Fails the start of a service whose root path would leave requests outside it unchecked. */
    static void requireTheRootPath(String rootPath) {
        if (!ROOT.equals(rootPath)) {
            throw new IllegalStateException("quarkus.http.root-path must be " + ROOT + ", not " + rootPath
                    + ": the check of request URIs that " + MalformedUri.class.getName()
                    + " makes in Quarkus' place sees only the requests under the root path");
        }
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

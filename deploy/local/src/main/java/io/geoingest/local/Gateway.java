package io.geoingest.local;

import io.geoingest.common.http.RawUtf8Targets;
import io.geoingest.common.stac.StacPaths;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** One base URL for clients: a streaming reverse proxy that sends each path to its service. */
final class Gateway implements AutoCloseable {
    /** What the services send with every answer: no cache keeps one, nor an error the gateway makes. */
    static final String NO_STORE = "no-store";
    private static final String FORWARDED_HOST = "X-Forwarded-Host";
    private static final String FORWARDED_PROTO = "X-Forwarded-Proto";
    /** Other headers Quarkus takes the client's address from; only the two above are the gateway's to say. */
    private static final List<String> OTHER_FORWARDING = List.of("X-Forwarded-Port", "X-Forwarded-Ssl",
            "X-Forwarded-Prefix", "Forwarded");
    private static final int BODY_PIECE = 64 * 1024;
    /**
     * The longest request line (method, path and query), as the services accept: a file name of
     * 1,024 characters takes up to 9 KiB of a query once percent-encoded.
     */
    static final int MAX_REQUEST_LINE = 16 * 1024;
    /**
     * Tells the services the address the client called, as an Ingress does: they build the links in
     * their answers (STAC links, upload URLs) from it, and the proxy sends them its own origin as
     * Host. The gateway is the edge, as the Ingress is in Kubernetes and nginx in Compose: what a
     * client puts in these headers is replaced, not passed on, or it could have links made to any
     * host and scheme (javascript://...). A request without a readable host gets the gateway's own
     * address, so that its links still lead back here.
     */
    private static final ProxyInterceptor FORWARDED = new ProxyInterceptor() {
        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            ProxyRequest request = context.request();
            HttpServerRequest incoming = request.proxiedRequest();
            MultiMap headers = request.headers();
            // The authority, not the Host header: an HTTP/2 request (h2c, as Java's HttpClient asks
            // for) carries it as :authority, and its Host may lack the port.
            HostAndPort authority = incoming.authority();
            headers.set(FORWARDED_HOST, authority != null
                    ? hostAndPort(authority.host(), authority.port())
                    : hostAndPort(incoming.localAddress().host(), incoming.localAddress().port()));
            headers.set(FORWARDED_PROTO, incoming.scheme());
            // The services would take a port, a scheme or a path from them over the two above.
            OTHER_FORWARDING.forEach(headers::remove);
            return context.sendRequest();
        }
    };

    /**
     * A target with raw UTF-8 in it (curl sends {@code ?fileName=scène.tif} as typed) goes on
     * percent-encoded, as the services take it ({@link RawUtf8Targets}); {@link #dispatch} refused
     * one whose bytes are not UTF-8.
     */
    private static final ProxyInterceptor RAW_UTF8 = new ProxyInterceptor() {
        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            try {
                RawUtf8Targets.percentEncoded(context.request().getURI()).ifPresent(context.request()::setURI);
            } catch (CharacterCodingException e) {
                throw new IllegalStateException("a target that is not UTF-8 got past the gateway's check", e);
            }
            return context.sendRequest();
        }
    };

    private static String hostAndPort(String host, int port) {
        String literal = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return port > 0 ? literal + ":" + port : literal;
    }

    private final Vertx vertx;
    private final HttpServer server;
    private final AtomicBoolean stopping;
    private final AtomicInteger awaitingAnswers;
    private final Duration stopGrace;

    private Gateway(Vertx vertx, HttpServer server, AtomicBoolean stopping, AtomicInteger awaitingAnswers,
            Duration stopGrace) {
        this.vertx = vertx;
        this.server = server;
        this.stopping = stopping;
        this.awaitingAnswers = awaitingAnswers;
        this.stopGrace = stopGrace;
    }

    static Gateway start(String host, int port, Map<Service, Integer> servicePorts, GatewayLimits limits)
            throws Exception {
        Vertx vertx = Vertx.vertx();
        AtomicBoolean stopping = new AtomicBoolean();
        AtomicInteger awaitingAnswers = new AtomicInteger();
        Map<Service, HttpClient> clients = new EnumMap<>(Service.class);
        Map<Service, HttpProxy> proxies = new EnumMap<>(Service.class);
        servicePorts.forEach((service, servicePort) -> {
            // A pool of its own per service: streams and uploads holding all of one service's
            // connections leave the others' requests untouched.
            HttpClient client = vertx.createHttpClient(
                    new HttpClientOptions().setKeepAlive(true).setConnectTimeout((int) limits.connectTimeout().toMillis()),
                    new PoolOptions().setHttp1MaxSize(limits.connectionsPerService())
                            .setMaxWaitQueueSize(limits.waitingPerService()));
            clients.put(service, client);
            UpstreamCalls calls = new UpstreamCalls(vertx, client, service, servicePort, limits, awaitingAnswers);
            proxies.put(service, HttpProxy.reverseProxy(client).origin(calls::open)
                    .addInterceptor(FORWARDED).addInterceptor(RAW_UTF8).addInterceptor(calls));
        });
        GatewayApiDocs apiDocs = new GatewayApiDocs(clients, servicePorts);
        // curl, and many clients, send "Expect: 100-continue" before a large body and wait up to a
        // second for the go-ahead, which the proxy does not pass on: the gateway gives it itself.
        // Bodies pass through in pieces as large as Netty's largest read, not the default 8 KiB:
        // every piece is a write to the service, and uploads are most of what the gateway carries.
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port)
                .setHandle100ContinueAutomatically(true).setMaxChunkSize(BODY_PIECE)
                .setMaxInitialLineLength(MAX_REQUEST_LINE)
                .setIdleTimeout((int) limits.idleTimeout().toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        HttpServer server = vertx.createHttpServer(options)
                .invalidRequestHandler(Gateway::refuseUnreadable)
                .requestHandler(request -> {
                    if (stopping.get()) {
                        refuse(request, 503, "GeoIngest is stopping");
                    } else if (!apiDocs.handle(request)) {
                        dispatch(request, proxies);
                    }
                });
        server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return new Gateway(vertx, server, stopping, awaitingAnswers, limits.stopGrace());
    }

    /** A request the HTTP decoder could not read gets an answer clients can parse, not an empty one. */
    private static void refuseUnreadable(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        if (cause instanceof TooLongHttpLineException) {
            refuse(request, 414, "the request line (method, path and query) is longer than " + MAX_REQUEST_LINE + " bytes");
        } else if (cause instanceof TooLongHttpHeaderException) {
            refuse(request, 431, "the request headers are larger than " + HttpServerOptions.DEFAULT_MAX_HEADER_SIZE + " bytes");
        } else {
            refuse(request, 400, "the request is not valid HTTP" + (cause == null ? "" : ": " + cause.getMessage()));
        }
    }

    /**
     * The error in the format of the API the request's path belongs to, as the services answer:
     * {@code code} and {@code description} on the STAC API, {@code error} on any other path. A
     * request whose target the decoder could not read names no path, so it gets the fields of both.
     */
    static JsonObject error(HttpServerRequest request, int status, String message) {
        boolean noPath = isDecodersStandIn(request);
        boolean stac = StacPaths.isStacPath(request.path());
        JsonObject body = new JsonObject();
        if (noPath || !stac) {
            body.put("error", message);
        }
        if (noPath || stac) {
            body.put("code", status).put("description", message);
        }
        return body;
    }

    private static void refuse(HttpServerRequest request, int status, String message) {
        HttpServerResponse response = request.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json").putHeader("Cache-Control", NO_STORE);
        // An HTTP/1 connection is given up: after a request the decoder could not read it is out of
        // step, and a refused upload would go on sending its body.
        closeAfterAnswer(request);
        response.end(error(request, status, message).encode());
    }

    /**
     * Ends an HTTP/1 connection with the answer to this request. HTTP/2 has no Connection header
     * (its clients refuse an answer that has one), and its connection carries other requests.
     */
    static void closeAfterAnswer(HttpServerRequest request) {
        if (request.version() != HttpVersion.HTTP_2) {
            request.response().putHeader("Connection", "close");
        }
    }

    /**
     * Netty's stand-in for a request whose request line it could not read (HttpRequestDecoder's
     * invalid message): its target is Netty's, not the client's.
     */
    private static boolean isDecodersStandIn(HttpServerRequest request) {
        return request.version() == HttpVersion.HTTP_1_0 && "/bad-request".equals(request.uri());
    }

    private static void dispatch(HttpServerRequest request, Map<Service, HttpProxy> proxies) {
        if (!request.path().startsWith("/") && !request.path().equals("*")) {
            // "GET public/file/status/..." was routed as if it had its slash, and the service
            // answered an empty 404: a target is a path from the root (or a whole URL, whose path is)
            refuse(request, 400, "Bad Request: the request's path must start with /: " + request.path());
            return;
        }
        Optional<Service> target;
        try {
            // A URI that java.net.URI cannot parse (a percent escape that is not one, such as %zz)
            // cannot be routed, and the services would refuse it anyway; so it is refused here.
            new URI(RawUtf8Targets.percentEncoded(request.uri()).orElse(request.uri()));
            target = Routes.route(request.path());
        } catch (CharacterCodingException notUtf8) {
            refuse(request, 400, RawUtf8Targets.NOT_UTF8);
            return;
        } catch (URISyntaxException | IllegalArgumentException malformed) {
            refuse(request, 400, "Bad Request: the request's path or query is not valid: " + malformed.getMessage());
            return;
        }
        if (!passesOnTransferEncoding(request)) {
            // The proxy refused it with an empty 400 of its own
            refuse(request, 400, "Bad Request: the only Transfer-Encoding the gateway passes on is chunked, not "
                    + request.headers().get("Transfer-Encoding"));
            return;
        }
        if (target.isEmpty()) {
            request.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", NO_STORE).end("{\"error\": \"Not Found\"}");
            return;
        }
        if (request.version() == HttpVersion.HTTP_2 && request.getHeader("Content-Length") == null) {
            // HTTP/2 frames a body itself, with no length needed up front; the proxy sends a body of
            // no stated length to the service's HTTP/1.1 connection chunked only when the request says
            // so, and otherwise dropped it (an upgraded h2c GET logged that refusal as SEVERE)
            request.headers().set("Transfer-Encoding", "chunked");
        }
        proxies.get(target.get()).handle(request);
    }

    /** As the proxy judges it: the first Transfer-Encoding, if there is one, must be chunked. */
    private static boolean passesOnTransferEncoding(HttpServerRequest request) {
        List<String> encodings = request.headers().getAll("Transfer-Encoding");
        return encodings.isEmpty() || "chunked".equals(encodings.get(0));
    }

    /**
     * Stops first, before the services: new requests are refused with a 503 that says so, and the
     * requests in flight get their services' answers (up to the stop grace) instead of a cut
     * connection. Answers already under way, status streams and downloads, end with the gateway.
     */
    /** Requests passed on to a service that has not begun its answer yet: what {@link #close} waits for. */
    int awaitingAnswers() {
        return awaitingAnswers.get();
    }

    Duration stopGrace() {
        return stopGrace;
    }

    @Override
    public void close() throws Exception {
        stopping.set(true);
        long deadline = System.nanoTime() + stopGrace.toNanos();
        while (awaitingAnswers.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}

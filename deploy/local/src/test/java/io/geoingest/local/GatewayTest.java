package io.geoingest.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.geoingest.common.http.RawUtf8Targets;
import io.geoingest.testing.H2cConnection;
import io.geoingest.testing.RawHttp;
import io.geoingest.testing.Await;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GatewayTest {
    private int gatewayPort;

    @Test
    void aClientThatGoesSilentIsDisconnectedAfterTheIdleTimeout() throws Exception {
        try (Gateway gateway = startWithoutServices(GatewayLimits.defaults().withIdleTimeout(Duration.ofMillis(500)));
                Socket client = new Socket()) {
            client.connect(new InetSocketAddress("127.0.0.1", gatewayPort));
            client.setSoTimeout(10_000);
            client.getOutputStream().write("POST /public/file/upload HTTP/1.1\r\nHost: localhost\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();

            InputStream in = client.getInputStream();
            assertEquals(-1, in.read(), "the gateway answered a request whose headers never ended");
            long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(waited >= 400 && waited < 5_000, "closed after " + waited + " ms");
        }
    }

    /**
     * A client waiting for a slow answer (a completion assembling a large file) sends and reads
     * nothing: its connection was closed as idle after 30 minutes, before the response timeout.
     */
    @Test
    void aClientIsLeftToWaitForItsAnswerAsLongAsTheResponseTimeoutAllows() {
        for (Duration responseTimeout : List.of(Duration.ofSeconds(10), GatewayLimits.DEFAULT_RESPONSE_TIMEOUT,
                Duration.ofHours(5))) {
            GatewayLimits limits = GatewayLimits.of(10, responseTimeout);

            assertTrue(limits.idleTimeout().compareTo(responseTimeout) > 0, limits.toString());
            assertTrue(limits.idleTimeout().compareTo(GatewayLimits.DEFAULT_IDLE_TIMEOUT) >= 0, limits.toString());
        }
    }

    /** Over the limit, the decoder's refusal used to be an empty 414 that no client could read. */
    @Test
    void aRequestLineOverTheLimitIsRefusedWithAnErrorBothApisCanRead() throws Exception {
        try (Gateway gateway = startWithoutServices(GatewayLimits.defaults())) {
            HttpResponse<String> response = get("/public/file/status/" + "x".repeat(Gateway.MAX_REQUEST_LINE));

            assertEquals(414, response.statusCode());
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
            JsonObject error = new JsonObject(response.body());
            assertTrue(error.getString("error").startsWith("the request line (method, path and query) is longer than"),
                    response.body());
            assertEquals(414, error.getInteger("code"));
            assertEquals(error.getString("error"), error.getString("description"));
        }
    }

    /**
     * A percent escape that is not one made the routing throw in the path, and the client waited
     * for ever; in the query the services answered an empty 400. The answer is in the format of
     * the API the path names, as the services' own; on a path of neither API it is the file API's,
     * as theirs (it had the fields of both).
     */
    @Test
    void aMalformedPercentEscapeIsRefusedInTheFormatOfItsApi() throws Exception {
        try (Gateway gateway = startWithoutServices(GatewayLimits.defaults())) {
            for (String target : List.of("/public/file/status/%zz", "/public/file/download/url?fileId=%zz",
                    "/api/stacks/%zz", "/elsewhere?q=%zz")) {
                String response = RawHttp.get(gatewayPort, target, "Host: localhost\r\n");

                assertTrue(response.startsWith("HTTP/1.1 400 "), response);
                JsonObject error = body(response);
                assertTrue(error.getString("error").startsWith("Bad Request: the request's path or query is not valid"),
                        response);
                assertEquals(Set.of("error"), error.fieldNames(), response);
            }
            String response = RawHttp.get(gatewayPort, "/api/stac/v1/collections/%zz", "Host: localhost\r\n");

            assertTrue(response.startsWith("HTTP/1.1 400 "), response);
            JsonObject error = body(response);
            assertEquals(400, error.getInteger("code"));
            assertTrue(error.getString("description").startsWith("Bad Request: the request's path or query is not valid"),
                    response);
            assertEquals(Set.of("code", "description"), error.fieldNames(), response);
        }
    }

    /** Such a target was passed on as a path, and the service answered it with an empty 404. */
    @Test
    void aPathWithoutItsLeadingSlashIsRefusedWithAJsonError() throws Exception {
        try (Gateway gateway = startWithoutServices(GatewayLimits.defaults())) {
            String response = RawHttp.get(gatewayPort, "public/file/status/8a5f3c1e-2b4d-4e6f-9a0b-1c2d3e4f5a6b",
                    "Host: localhost\r\n");

            assertTrue(response.startsWith("HTTP/1.1 400 "), response);
            assertEquals(Set.of("error"), body(response).fieldNames(), response);
            assertTrue(body(response).getString("error").startsWith("Bad Request: the request's path must start with /"),
                    response);

            String stac = RawHttp.get(gatewayPort, "api/stac/v1/collections", "Host: localhost\r\n");
            assertTrue(stac.startsWith("HTTP/1.1 400 "), stac);
            assertEquals(Set.of("code", "description"), body(stac).fieldNames(), stac);
        }
    }

    /** The format is that of the API the path is routed to: with a dot segment it was the file API's. */
    @Test
    void headersOverTheLimitAreRefusedInTheFormatOfTheApiThePathIsRoutedTo() throws Exception {
        try (Gateway gateway = startWithoutServices(GatewayLimits.defaults())) {
            String tooLarge = "Host: localhost\r\nX-Padding: " + "x".repeat(HttpServerOptions.DEFAULT_MAX_HEADER_SIZE) + "\r\n";
            for (String target : List.of("/api/./stac/v1/collections", "/api/stac/%761/collections")) {
                String response = RawHttp.get(gatewayPort, target, tooLarge);

                assertTrue(response.startsWith("HTTP/1.1 431 "), response);
                assertEquals(Set.of("code", "description"), body(response).fieldNames(), response);
            }
        }
    }

    /** It carried Connection: close, which HTTP/2 forbids: an HTTP/2 client could not read it. */
    @Test
    void anHttp2ClientReadsTheRefusalOfAMalformedPercentEscape() throws Exception {
        try (Gateway gateway = startWithoutServices(GatewayLimits.defaults());
                H2cConnection client = new H2cConnection(gatewayPort)) {
            H2cConnection.Answer refused = client.get("/public/file/status/%zz", Map.of());

            assertEquals(400, refused.status());
            assertTrue(new JsonObject(refused.body()).getString("error")
                    .startsWith("Bad Request: the request's path or query is not valid"), refused.body());
        }
    }

    /** A file name of 1,024 CJK characters in a query; Vert.x and Quarkus refuse lines over 4 KiB by default. */
    /**
     * A refusal a service gives before it read the body (a wrong key) reached an HTTP/2 client as a
     * stream reset, with no status at all (curl --http2-prior-knowledge: PROTOCOL_ERROR).
     */
    @Test
    void anHttp2ClientReadsTheRefusalOfAServiceThatAnsweredBeforeTheBody() throws Exception {
        Vertx fakes = Vertx.vertx();
        try {
            // as the upload-service refuses (EarlyRefusal): over HTTP/1.1, ending the connection
            int upload = listen(fakes, request -> {
                request.handler(dropped -> { });
                request.response().setStatusCode(401).putHeader("Content-Type", "application/json")
                        .putHeader("Connection", "close").end("{\"error\": \"Unauthorized\"}");
            });
            try (Gateway gateway = start(Map.of(Service.UPLOAD, upload), GatewayLimits.defaults());
                    H2cConnection client = new H2cConnection(gatewayPort)) {
                for (String body : List.of("x=1", "x".repeat(200_000))) {
                    H2cConnection.Answer refused = client.post("/public/file/generateUploadId",
                            Map.of("X-API-KEY", "wrong", "Content-Type", "application/x-www-form-urlencoded"), body);

                    assertEquals(401, refused.status(), refused.body());
                    assertEquals("Unauthorized", new JsonObject(refused.body()).getString("error"));
                }
            }
        } finally {
            fakes.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * An HTTP/2 body need not announce its length: the gateway wrote it to the service's HTTP/1.1
     * connection unframed, which Vert.x refuses, and the request was reset (an upgraded h2c GET
     * logged that refusal as SEVERE). The service gets it chunked.
     */
    @Test
    void anHttp2BodyWithoutALengthReachesTheServiceWhole() throws Exception {
        Vertx fakes = Vertx.vertx();
        try {
            int upload = listen(fakes, request -> request.body().onSuccess(body -> request.response()
                    .putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("received", body.length())
                            .put("chunked", "chunked".equals(request.getHeader("Transfer-Encoding"))).encode())));
            try (Gateway gateway = start(Map.of(Service.UPLOAD, upload), GatewayLimits.defaults());
                    H2cConnection client = new H2cConnection(gatewayPort)) {
                String body = "x".repeat(100_000);

                H2cConnection.Answer answer = client.postWithoutALength("/public/file/uploadChunk",
                        Map.of("Content-Type", "application/octet-stream"), body);

                assertEquals(200, answer.status(), answer.body());
                assertEquals(body.length(), new JsonObject(answer.body()).getInteger("received"));
                assertEquals(true, new JsonObject(answer.body()).getBoolean("chunked"));
                assertEquals(200, client.get("/public/file/upload/x/parts", Map.of()).status(), "a GET without a body passes too");
            }
        } finally {
            fakes.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRequestLineOfNineKibibytesIsPassedOn() throws Exception {
        try (Gateway gateway = startWithoutServices(GatewayLimits.defaults())) {
            String name = URLEncoder.encode("日".repeat(1024), StandardCharsets.UTF_8);

            HttpResponse<String> response = get("/public/file/generateUploadId?fileName=" + name);

            assertEquals(502, response.statusCode(), "passed on to the upload-service, which is not running here");
        }
    }

    /**
     * curl sends a name typed into the URL as raw UTF-8: the gateway refused it as an illegal URI,
     * quoting it garbled. It goes on percent-encoded, as the services take it; bytes that are not
     * UTF-8 are refused.
     */
    @Test
    void aQueryOfRawUtf8GoesOnPercentEncodedAndOneNotUtf8IsRefused() throws Exception {
        HttpServer upload = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upload.createContext("/", exchange -> {
            byte[] body = new JsonObject().put("target", exchange.getRequestURI().toString()).encode()
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upload.start();
        try (Gateway gateway = startWith(Service.UPLOAD, upload.getAddress().getPort())) {
            assertEquals("/public/file/generateUploadId?fileName=sc%C3%A8ne_%E6%9D%B1%E4%BA%AC.tif",
                    body(RawHttp.postWithoutABody(gatewayPort, "/public/file/generateUploadId?fileName=scène_東京.tif",
                            StandardCharsets.UTF_8, "Host: 127.0.0.1\r\n"))
                            .getString("target"));

            String latin1 = RawHttp.postWithoutABody(gatewayPort, "/public/file/generateUploadId?fileName=sc\u00e8ne.tif",
                    StandardCharsets.ISO_8859_1, "Host: 127.0.0.1\r\n");
            assertTrue(latin1.startsWith("HTTP/1.1 400"), latin1);
            assertEquals(RawUtf8Targets.NOT_UTF8, body(latin1).getString("error"));
        } finally {
            upload.stop(0);
        }
    }

    /**
     * The gateway is the edge: a client's own X-Forwarded-* headers used to be passed on, and the
     * services made links to whatever host and scheme it named.
     */
    @Test
    void theServicesAreToldTheAddressTheClientCalledWhateverForwardingHeadersItSends() throws Exception {
        HttpServer status = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        status.createContext("/", exchange -> {
            byte[] body = new JsonObject()
                    .put("host", exchange.getRequestHeaders().getFirst("X-Forwarded-Host"))
                    .put("proto", exchange.getRequestHeaders().getFirst("X-Forwarded-Proto"))
                    .put("port", exchange.getRequestHeaders().getFirst("X-Forwarded-Port"))
                    .put("ssl", exchange.getRequestHeaders().getFirst("X-Forwarded-Ssl"))
                    .put("forwarded", exchange.getRequestHeaders().getFirst("Forwarded"))
                    .encode().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        status.start();
        try (Gateway gateway = startWith(Service.STATUS, status.getAddress().getPort())) {
            String spoofed = "Host: localhost:" + gatewayPort + "\r\nX-Forwarded-Host: evil.example\r\n"
                    + "X-Forwarded-Proto: javascript\r\nX-Forwarded-Port: 1\r\nX-Forwarded-Ssl: on\r\n"
                    + "Forwarded: host=evil.example;proto=https\r\n";
            assertEquals(new JsonObject().put("host", "localhost:" + gatewayPort).put("proto", "http").putNull("port")
                            .putNull("ssl").putNull("forwarded"),
                    body(RawHttp.get(gatewayPort, "/api/stac/v1/", spoofed)));

            assertEquals("127.0.0.1:" + gatewayPort, body(RawHttp.get(gatewayPort, "/api/stac/v1/", "Host: a b\r\n")).getString("host"));
        } finally {
            status.stop(0);
        }
    }

    /**
     * Open status streams held every connection of one shared pool, and every other request to the
     * service waited with no end: a plain status GET hung with 100 streams open.
     */
    @Test
    void aServiceWhoseConnectionsAreAllHeldByStreamsAnswersFurtherRequestsWith503AtOnce() throws Exception {
        Vertx fakes = Vertx.vertx();
        try {
            int status = listen(fakes, request -> {
                if (request.path().endsWith("/events")) {
                    request.response().setChunked(true).putHeader("Content-Type", "text/event-stream").write(": open\n\n");
                } else {
                    request.response().putHeader("Content-Type", "application/json").end("{}");
                }
            });
            GatewayLimits twoConnectionsOneWaiting = new GatewayLimits(2, 1, Duration.ofSeconds(5),
                    GatewayLimits.DEFAULT_RESPONSE_TIMEOUT, GatewayLimits.DEFAULT_IDLE_TIMEOUT, Duration.ZERO);
            try (Gateway gateway = start(Map.of(Service.STATUS, status), twoConnectionsOneWaiting);
                    Socket first = openStream(); Socket second = openStream()) {
                CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> rawGet("/public/file/status/waiting"));
                Await.until("the third request waits for a connection", Duration.ofSeconds(5), () -> !waiting.isDone());
                Thread.sleep(300);

                long start = System.nanoTime();
                String stac = RawHttp.get(gatewayPort, "/api/stac/v1/collections", "Host: localhost\r\n");
                String file = RawHttp.get(gatewayPort, "/public/file/status/another", "Host: localhost\r\n");
                assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 3, "answered at once");

                assertTrue(stac.startsWith("HTTP/1.1 503 "), stac);
                assertEquals(503, body(stac).getInteger("code"), stac);
                assertTrue(body(stac).getString("description").startsWith("status-service has 2 requests in progress"), stac);
                assertTrue(file.startsWith("HTTP/1.1 503 "), file);
                assertEquals(Set.of("error"), body(file).fieldNames(), file);

                first.close();
                assertTrue(waiting.get(10, TimeUnit.SECONDS).startsWith("HTTP/1.1 200 "), "served once a stream ended");
            }
        } finally {
            fakes.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** A service stopped or starting again was an empty 502 that no client could tell from anything else. */
    @Test
    void aServiceThatIsNotRunningGetsA502InTheFormatOfItsApi() throws Exception {
        try (Gateway gateway = startWithoutServices(GatewayLimits.defaults())) {
            String file = RawHttp.get(gatewayPort, "/public/file/status/8a5f3c1e", "Host: localhost\r\n");
            String stac = RawHttp.get(gatewayPort, "/api/stac/v1/collections", "Host: localhost\r\n");

            assertTrue(file.startsWith("HTTP/1.1 502 "), file);
            assertEquals("status-service is not reachable (stopped, or starting again)", body(file).getString("error"));
            assertTrue(stac.startsWith("HTTP/1.1 502 "), stac);
            assertEquals(502, body(stac).getInteger("code"), stac);
            assertEquals("status-service is not reachable (stopped, or starting again)", body(stac).getString("description"));
            // as every answer of the services: no cache keeps an error the gateway made
            for (String answer : List.of(file, stac, RawHttp.get(gatewayPort, "/nowhere", "Host: localhost\r\n"))) {
                assertTrue(answer.toLowerCase(java.util.Locale.ROOT).contains("\r\ncache-control: no-store\r\n"), answer);
            }
        }
    }

    /** A hung service held the client until its connection had been silent for 30 minutes. */
    @Test
    void aServiceThatDoesNotAnswerGetsA504AfterTheResponseTimeout() throws Exception {
        try (ServerSocket hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                Gateway gateway = start(Map.of(Service.STATUS, hung.getLocalPort()),
                        GatewayLimits.of(10, Duration.ofSeconds(1)))) {
            long start = System.nanoTime();
            String answer = RawHttp.get(gatewayPort, "/public/file/status/8a5f3c1e", "Host: localhost\r\n");

            assertTrue(answer.startsWith("HTTP/1.1 504 "), answer);
            assertEquals("status-service did not answer within 1 s", body(answer).getString("error"));
            long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(waited >= 900 && waited < 5_000, "answered after " + waited + " ms");
        }
    }

    /** The response timeout counts until the answer begins: a stream that is answering runs on. */
    @Test
    void aStreamThatIsAnsweringOutlivesTheResponseTimeout() throws Exception {
        Vertx fakes = Vertx.vertx();
        try {
            int status = listen(fakes, request -> {
                request.response().setChunked(true).putHeader("Content-Type", "text/event-stream").write("data: QUEUED\n\n");
                fakes.setTimer(1_500, later -> request.response().end("data: COMPLETED\n\n"));
            });
            try (Gateway gateway = start(Map.of(Service.STATUS, status), GatewayLimits.of(10, Duration.ofMillis(500)))) {
                String answer = RawHttp.get(gatewayPort, "/public/file/status/8a5f3c1e/events", "Host: localhost\r\n");

                assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
                assertTrue(answer.contains("data: QUEUED") && answer.contains("data: COMPLETED"), answer);
            }
        } finally {
            fakes.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Closing the connection after an early answer must leave the keep-alive of other requests alone. */
    @Test
    void aClientKeepsItsConnectionForTheNextRequest() throws Exception {
        Vertx fakes = Vertx.vertx();
        try {
            int status = listen(fakes, request -> request.response().putHeader("Content-Type", "application/json").end("{}"));
            try (Gateway gateway = start(Map.of(Service.STATUS, status), GatewayLimits.defaults())) {
                String answers = RawHttp.getEach(gatewayPort, "Host: localhost\r\n", "/public/file/status/a",
                        "/public/file/status/b");

                assertEquals(List.of("HTTP/1.1 200 OK", "HTTP/1.1 200 OK"), RawHttp.statusLines(answers), answers);
            }
        } finally {
            fakes.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** The proxy refused it with an empty 400. */
    @Test
    void aTransferEncodingOtherThanChunkedIsRefusedInTheFormatOfItsApi() throws Exception {
        try (Gateway gateway = startWithoutServices(GatewayLimits.defaults())) {
            String answer = RawHttp.get(gatewayPort, "/public/file/status/8a5f3c1e",
                    "Host: localhost\r\nTransfer-Encoding: gzip\r\n");

            assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
            assertTrue(body(answer).getString("error").startsWith("Bad Request: the only Transfer-Encoding"), answer);
        }
    }

    /**
     * The gateway kept the client's connection after the service's 413 and read and threw away the
     * rest of the body: 3 GB after a refusal at the first megabytes.
     */
    @Test
    void anUploadRefusedBeforeItsBodyIsSentEndsTheClientsConnectionWithTheRefusal() throws Exception {
        Vertx fakes = Vertx.vertx();
        try {
            // as the upload-service refuses (EarlyRefusal): the answer, then what more of the body
            // comes is read and dropped for a while before the connection is closed; a fake that
            // closed at once raced the gateway's reading of its answer (a 502 when run alone)
            int upload = listen(fakes, request -> {
                request.handler(dropped -> { });
                request.response().setStatusCode(413).putHeader("Content-Type", "application/json")
                        .end("{\"error\": \"The file is too large\"}")
                        .onComplete(sent -> fakes.setTimer(500, later -> request.connection().close()));
            });
            try (Gateway gateway = start(Map.of(Service.UPLOAD, upload), GatewayLimits.defaults());
                    Socket client = new Socket("127.0.0.1", gatewayPort)) {
                client.setSoTimeout(10_000);
                AtomicLong sent = new AtomicLong();
                Thread sender = new Thread(() -> {
                    byte[] piece = new byte[64 * 1024];
                    try {
                        OutputStream out = client.getOutputStream();
                        out.write(RawHttp.postHead("/public/file/upload", "Host: localhost\r\n"
                                + "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 3000000000\r\n"));
                        while (sent.addAndGet(piece.length) < 3_000_000_000L) {
                            out.write(piece);
                        }
                    } catch (IOException closedByTheGateway) {
                        // what the test expects
                    }
                });
                sender.start();

                String answer = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

                assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
                assertEquals("The file is too large", body(answer).getString("error"));
                sender.join(10_000);
                assertTrue(sent.get() < 500_000_000L, "the client sent " + sent.get() + " bytes");
            }
        } finally {
            fakes.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * The launcher stopped the services first, and an upload in flight through the gateway got an
     * empty 502; the gateway now stops first and lets it have its answer.
     */
    @Test
    void aStoppingGatewayRefusesNewRequestsAndLetsThoseInFlightHaveTheirAnswers() throws Exception {
        Vertx fakes = Vertx.vertx();
        CountDownLatch received = new CountDownLatch(1);
        try {
            int upload = listen(fakes, request -> request.body().onSuccess(body -> {
                received.countDown();
                fakes.setTimer(1_500, later -> request.response().putHeader("Content-Type", "application/json")
                        .end("{\"fileId\": \"f\"}"));
            }));
            Gateway gateway = start(Map.of(Service.UPLOAD, upload), GatewayLimits.defaults());
            CompletableFuture<String> inFlight = CompletableFuture.supplyAsync(() -> {
                try {
                    return RawHttp.postInChunks(gatewayPort, "/public/file/upload", "Host: localhost\r\n", new byte[100_000]);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            assertTrue(received.await(10, TimeUnit.SECONDS));
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
                try {
                    gateway.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            String refused = RawHttp.get(gatewayPort, "/api/stac/v1/collections", "Host: localhost\r\n");

            String answer = inFlight.get(10, TimeUnit.SECONDS);
            assertTrue(answer.startsWith("HTTP/1.1 200 "), "the upload in flight was answered: " + answer);
            assertTrue(refused.startsWith("HTTP/1.1 503 "), refused);
            assertEquals("GeoIngest is stopping", body(refused).getString("description"));
            stopped.get(10, TimeUnit.SECONDS);
        } finally {
            fakes.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static int listen(Vertx vertx, Handler<HttpServerRequest> handler) throws Exception {
        return vertx.createHttpServer().requestHandler(handler).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    /** A status stream through the gateway, once its first event came through. */
    private Socket openStream() throws IOException {
        Socket stream = new Socket("127.0.0.1", gatewayPort);
        stream.setSoTimeout(10_000);
        stream.getOutputStream().write("GET /public/file/status/8a5f3c1e/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        BufferedReader lines = new BufferedReader(new InputStreamReader(stream.getInputStream(), StandardCharsets.US_ASCII));
        for (String line = lines.readLine(); !line.contains(": open"); line = lines.readLine()) {
            assertTrue(line != null, "the stream ended");
        }
        return stream;
    }

    private String rawGet(String target) {
        try {
            return RawHttp.get(gatewayPort, target, "Host: localhost\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonObject body(String response) {
        return new JsonObject(RawHttp.body(response));
    }

    private Gateway startWithoutServices(GatewayLimits limits) throws Exception {
        return start(Map.of(), limits);
    }

    private Gateway startWith(Service service, int port) throws Exception {
        return start(Map.of(service, port), GatewayLimits.defaults());
    }

    /** The services not given are on free ports where nothing listens. */
    private Gateway start(Map<Service, Integer> running, GatewayLimits limits) throws Exception {
        gatewayPort = freePort();
        Map<Service, Integer> services = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            services.put(service, running.containsKey(service) ? running.get(service) : freePort());
        }
        return Gateway.start("127.0.0.1", gatewayPort, services, limits);
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + pathAndQuery))
                .version(HttpClient.Version.HTTP_1_1).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

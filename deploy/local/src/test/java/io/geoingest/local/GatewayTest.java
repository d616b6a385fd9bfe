package io.geoingest.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.geoingest.testing.H2cConnection;
import io.geoingest.testing.RawHttp;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
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
import org.junit.jupiter.api.Test;

class GatewayTest {
    private int gatewayPort;

    @Test
    void aClientThatGoesSilentIsDisconnectedAfterTheIdleTimeout() throws Exception {
        try (Gateway gateway = startWithoutServices(Duration.ofMillis(500));
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

    /** Over the limit, the decoder's refusal used to be an empty 414 that no client could read. */
    @Test
    void aRequestLineOverTheLimitIsRefusedWithAnErrorBothApisCanRead() throws Exception {
        try (Gateway gateway = startWithoutServices(Gateway.IDLE_TIMEOUT)) {
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
        try (Gateway gateway = startWithoutServices(Gateway.IDLE_TIMEOUT)) {
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
        try (Gateway gateway = startWithoutServices(Gateway.IDLE_TIMEOUT)) {
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
        try (Gateway gateway = startWithoutServices(Gateway.IDLE_TIMEOUT)) {
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
        try (Gateway gateway = startWithoutServices(Gateway.IDLE_TIMEOUT);
                H2cConnection client = new H2cConnection(gatewayPort)) {
            H2cConnection.Answer refused = client.get("/public/file/status/%zz", Map.of());

            assertEquals(400, refused.status());
            assertTrue(new JsonObject(refused.body()).getString("error")
                    .startsWith("Bad Request: the request's path or query is not valid"), refused.body());
        }
    }

    /** A file name of 1,024 CJK characters in a query; Vert.x and Quarkus refuse lines over 4 KiB by default. */
    @Test
    void aRequestLineOfNineKibibytesIsPassedOn() throws Exception {
        try (Gateway gateway = startWithoutServices(Gateway.IDLE_TIMEOUT)) {
            String name = URLEncoder.encode("日".repeat(1024), StandardCharsets.UTF_8);

            HttpResponse<String> response = get("/public/file/generateUploadId?fileName=" + name);

            assertEquals(502, response.statusCode(), "passed on to the upload-service, which is not running here");
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

    private static JsonObject body(String response) {
        return new JsonObject(RawHttp.body(response));
    }

    private Gateway startWithoutServices(Duration idleTimeout) throws Exception {
        return start(Map.of(), idleTimeout);
    }

    private Gateway startWith(Service service, int port) throws Exception {
        return start(Map.of(service, port), Gateway.IDLE_TIMEOUT);
    }

    /** The services not given are on free ports where nothing listens. */
    private Gateway start(Map<Service, Integer> running, Duration idleTimeout) throws Exception {
        gatewayPort = freePort();
        Map<Service, Integer> services = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            services.put(service, running.containsKey(service) ? running.get(service) : freePort());
        }
        return Gateway.start("127.0.0.1", gatewayPort, services, idleTimeout);
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

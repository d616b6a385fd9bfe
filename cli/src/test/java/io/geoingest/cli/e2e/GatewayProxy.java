package io.geoingest.cli.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A proxy in front of the gateway that sees every request the client sends, and can misbehave:
 * answer 502 without forwarding (chunk uploads, or any requests chosen), answer as storage does to
 * an expired presigned URL, or hold chunk uploads
 * unanswered (a connection that hangs while the client is killed). {@link #inFrontOfStorage} puts
 * one in front of storage, for the presigned URLs.
 */
final class GatewayProxy implements AutoCloseable {
    static final String UPLOAD_CHUNK = "/public/file/uploadChunk";
    private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "keep-alive");
    private static final Pattern PART_NUMBER = Pattern.compile("name=\"partNumber\"\r\n\r\n(\\d+)\r\n");
    private static final Pattern PART_NUMBER_PARAMETER = Pattern.compile("(?:^|&)partNumber=(\\d+)");

    /** A request as it reached the proxy; {@code partNumber} is 0 for anything but a chunk or a part PUT to storage. */
    record Request(String method, String path, int partNumber, boolean withApiKey) {
    }

    /** An answer given instead of the gateway's; {@code forwarded} when the request reached it all the same. */
    private enum Failure {
        BAD_GATEWAY(502, "<html><body>502 Bad Gateway</body></html>", false),
        EXPIRED(403, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code>"
                + "<Message>Request has expired</Message></Error>", false),
        ANSWER_LOST(504, "<html><body>504 Gateway Timeout</body></html>", true);

        final int status;
        final String body;
        final boolean forwarded;

        Failure(int status, String body, boolean forwarded) {
            this.status = status;
            this.body = body;
            this.forwarded = forwarded;
        }
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final boolean keepHost;
    private volatile URI target;
    private final List<Request> requests = new ArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile Predicate<Request> failureFor = request -> false;
    private volatile Failure failure = Failure.BAD_GATEWAY;
    private final AtomicInteger chunksToForward = new AtomicInteger(Integer.MAX_VALUE);
    private final AtomicInteger chunksAnswered = new AtomicInteger();
    private final AtomicInteger chunksHeld = new AtomicInteger();
    private volatile CountDownLatch release = new CountDownLatch(0);

    GatewayProxy(String gatewayUrl) throws IOException {
        this(false);
        forwardTo(gatewayUrl);
    }

    /**
     * A proxy for storage, given out as storage's public endpoint; it listens at once and forwards
     * once told where to with {@link #forwardTo}. It passes the Host header on as it came (the JVM
     * must allow that: {@code -Djdk.httpclient.allowRestrictedHeaders=host}), since presigned URLs
     * sign the host the client calls.
     */
    static GatewayProxy inFrontOfStorage() throws IOException {
        return new GatewayProxy(true);
    }

    private GatewayProxy(boolean keepHost) throws IOException {
        this.keepHost = keepHost;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    void forwardTo(String targetUrl) {
        target = URI.create(targetUrl);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next {@code count} chunk uploads get 502 Bad Gateway and never reach the gateway. */
    void answerBadGateway(int count) {
        answerBadGateway(count, request -> request.path().equals(UPLOAD_CHUNK));
    }

    /** The next {@code count} requests that {@code which} picks get 502 Bad Gateway and never reach the gateway. */
    void answerBadGateway(int count, Predicate<Request> which) {
        answer(Failure.BAD_GATEWAY, count, which);
    }

    /**
     * The next {@code count} requests that {@code which} picks reach the gateway, which acts on them,
     * but their answer is lost: the client gets 504 Gateway Timeout.
     */
    void loseAnswers(int count, Predicate<Request> which) {
        answer(Failure.ANSWER_LOST, count, which);
    }

    /** The next {@code count} requests that {@code which} picks get storage's 403 for an expired presigned URL. */
    void answerExpired(int count, Predicate<Request> which) {
        answer(Failure.EXPIRED, count, which);
    }

    private void answer(Failure kind, int count, Predicate<Request> which) {
        failure = kind;
        failureFor = which;
        failuresLeft.set(count);
    }

    /** Forwards {@code count} more chunk uploads, then holds the rest unanswered until {@link #releaseHeld}. */
    void holdChunksAfter(int count) {
        release = new CountDownLatch(1);
        chunksToForward.set(count);
    }

    void releaseHeld() {
        chunksToForward.set(Integer.MAX_VALUE);
        release.countDown();
    }

    int chunksAnswered() {
        return chunksAnswered.get();
    }

    int chunksHeld() {
        return chunksHeld.get();
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized void forget() {
        requests.clear();
        failuresLeft.set(0);
        chunksAnswered.set(0);
        chunksHeld.set(0);
    }

    List<Request> requestsTo(String path) {
        return requests().stream().filter(request -> request.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean chunk = path.equals(UPLOAD_CHUNK);
            Request request = new Request(exchange.getRequestMethod(), path,
                    chunk ? partNumber(body) : partNumberParameter(exchange.getRequestURI().getRawQuery()),
                    exchange.getRequestHeaders().containsKey("X-API-KEY"));
            synchronized (this) {
                requests.add(request);
            }
            if (failureFor.test(request) && failuresLeft.getAndDecrement() > 0) {
                if (failure.forwarded) {
                    send(exchange, body).body().close();
                }
                byte[] answer = failure.body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(failure.status, answer.length);
                exchange.getResponseBody().write(answer);
                return;
            }
            if (chunk && chunksToForward.getAndDecrement() <= 0) {
                chunksHeld.incrementAndGet();
                release.await(2, TimeUnit.MINUTES);
                return;
            }
            forward(exchange, body);
            if (chunk) {
                chunksAnswered.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = send(exchange, body);
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        long length = response.headers().firstValueAsLong("content-length").orElse(0);
        exchange.sendResponseHeaders(response.statusCode(), length == 0 && response.headers()
                .firstValue("content-length").isPresent() ? -1 : length);
        // Copied as it arrives, flushed at once: status streams must not wait in a buffer.
        try (InputStream in = response.body(); OutputStream out = exchange.getResponseBody()) {
            byte[] buffer = new byte[64 * 1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
                out.flush();
            }
        }
    }

    /** Sends the client's request on to the target, as it came. */
    private HttpResponse<InputStream> send(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        if (keepHost) {
            request.header("Host", exchange.getRequestHeaders().getFirst("Host"));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private static int partNumberParameter(String query) {
        Matcher matcher = PART_NUMBER_PARAMETER.matcher(query == null ? "" : query);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    private static int partNumber(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.ISO_8859_1);
        Matcher matcher = PART_NUMBER.matcher(head);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    @Override
    public void close() {
        releaseHeld();
        server.stop(0);
        handlers.shutdownNow();
    }
}

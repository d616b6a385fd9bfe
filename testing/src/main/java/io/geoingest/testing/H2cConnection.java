package io.geoingest.testing;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.StreamResetException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * HTTP/2 without TLS (h2c) to 127.0.0.1, from a client that knows the server speaks it, as
 * {@code curl --http2-prior-knowledge} does: Java's HttpClient only reaches HTTP/2 by upgrading a
 * first request, and refuses to send a target such as {@code /status/%zz}. Requests share one
 * connection for as long as the server keeps it.
 */
public final class H2cConnection implements AutoCloseable {
    private static final long WAIT_SECONDS = 10;

    public record Answer(int status, MultiMap headers, String body) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient client = vertx.createHttpClient(new HttpClientOptions()
            .setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false).setHttp2MaxPoolSize(1));
    private final int port;
    private final Set<HttpConnection> connections = ConcurrentHashMap.newKeySet();
    private final List<Long> resets = new CopyOnWriteArrayList<>();

    public H2cConnection(int port) {
        this.port = port;
    }

    /** GETs {@code target} as written, with {@code headers}. */
    public Answer get(String target, Map<String, String> headers) throws Exception {
        return exchange(HttpMethod.GET, target, headers, HttpClientRequest::send);
    }

    /** POSTs {@code body} to {@code target}, with {@code headers}. */
    public Answer post(String target, Map<String, String> headers, String body) throws Exception {
        return exchange(HttpMethod.POST, target, headers, request -> request.send(Buffer.buffer(body)));
    }

    /** POSTs {@code body} to {@code target} in two DATA frames, with no Content-Length: HTTP/2 frames a body itself. */
    public Answer postWithoutALength(String target, Map<String, String> headers, String body) throws Exception {
        return exchange(HttpMethod.POST, target, headers, request -> request.setChunked(true)
                .write(body.substring(0, body.length() / 2))
                .compose(written -> request.end(body.substring(body.length() / 2)))
                .compose(ended -> request.response()));
    }

    /** POSTs to {@code target} the head of a request whose body of {@code length} bytes never comes. */
    public Answer postWithoutTheBody(String target, Map<String, String> headers, long length) throws Exception {
        return exchange(HttpMethod.POST, target, headers, request -> request
                .putHeader("Content-Length", Long.toString(length))
                .sendHead()
                .compose(sent -> request.response()));
    }

    /** How many connections the requests took: more than one when the server ended one. */
    public int connectionsUsed() {
        return connections.size();
    }

    /** The error codes of the resets the server sent so far, one for each stream it stopped. */
    public List<Long> resetsReceived() {
        return List.copyOf(resets);
    }

    private Answer exchange(HttpMethod method, String target, Map<String, String> headers,
            Function<HttpClientRequest, Future<HttpClientResponse>> send) throws Exception {
        return client.request(new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(target))
                .compose(request -> {
                    connections.add(request.connection());
                    request.exceptionHandler(failure -> {
                        if (failure instanceof StreamResetException reset) {
                            resets.add(reset.getCode());
                        }
                    });
                    headers.forEach(request::putHeader);
                    return send.apply(request);
                })
                .compose(response -> response.body()
                        .map(body -> new Answer(response.statusCode(), response.headers(), body.toString())))
                .toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }
}

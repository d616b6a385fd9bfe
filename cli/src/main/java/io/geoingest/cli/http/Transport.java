package io.geoingest.cli.http;

import io.geoingest.cli.CliException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Sends HTTP requests and retries them by the {@link RetryPolicy}. A request is built anew for
 * every attempt, so bodies read from files are read again from their start.
 */
public final class Transport {
    private static final int LONGEST_ERROR_BODY = 64 * 1024;

    private final HttpClient client;
    private final RetryPolicy retry;
    private final Optional<PrintStream> debugLog;

    public Transport(RetryPolicy retry, Optional<PrintStream> debugLog) {
        // HTTP/1.1: plain-http servers and proxies need no h2c upgrade dance.
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.retry = retry;
        this.debugLog = debugLog;
    }

    public RetryPolicy retryPolicy() {
        return retry;
    }

    /**
     * The response to a request, once its status is 2xx; its body is for the caller to read and
     * close.
     *
     * @param action what the request does, for messages: "upload of scene.tif"
     * @throws ApiException for an error answer that retrying did not change
     * @throws CliException when the server could not be reached
     */
    public HttpResponse<InputStream> exchange(String action, Supplier<HttpRequest> request) {
        for (int attempt = 1; ; attempt++) {
            HttpRequest sent = request.get();
            String failure;
            try {
                HttpResponse<InputStream> response = client.send(sent, HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return response;
                }
                ApiException error = ApiException.of(action, status, readErrorBody(response));
                if (!RetryPolicy.isRetryable(status) || !retry.mayRetryAfter(attempt)) {
                    throw error;
                }
                failure = "HTTP " + status;
            } catch (IOException e) {
                if (!retry.mayRetryAfter(attempt)) {
                    throw new CliException(action + ": " + describe(e, sent), e);
                }
                failure = describe(e, sent);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(action + ": interrupted", e);
            }
            pause(attempt, sent.method() + " " + sent.uri().getPath() + " failed (" + failure + ")");
        }
    }

    /** Waits before retry number {@code retry}. */
    public void pause(int retry, String why) {
        Duration delay = this.retry.delayBeforeRetry(retry, ThreadLocalRandom.current().nextDouble());
        debug(why + "; retry " + retry + " in " + delay.toMillis() + " ms");
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", e);
        }
    }

    public void debug(String message) {
        debugLog.ifPresent(log -> log.println("debug: " + message));
    }

    private static String readErrorBody(HttpResponse<InputStream> response) throws IOException {
        try (InputStream body = response.body()) {
            return new String(body.readNBytes(LONGEST_ERROR_BODY), StandardCharsets.UTF_8);
        }
    }

    /** A connection failure in words: the JDK's messages are often empty. */
    static String describe(IOException e, HttpRequest request) {
        String server = request.uri().getScheme() + "://" + request.uri().getAuthority();
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection to " + server + " (timed out)";
        }
        if (e instanceof ConnectException) {
            return "cannot connect to " + server;
        }
        if (e instanceof HttpTimeoutException) {
            return server + " did not answer in time";
        }
        if (e instanceof ClosedChannelException || e.getMessage() == null || e.getMessage().isBlank()) {
            return "the connection to " + server + " broke (" + e.getClass().getSimpleName() + ")";
        }
        return "the connection to " + server + " failed: " + e.getMessage();
    }
}

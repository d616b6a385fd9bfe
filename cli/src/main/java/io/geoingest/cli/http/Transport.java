package io.geoingest.cli.http;

import io.geoingest.cli.CliException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLHandshakeException;

/**
 * Sends HTTP requests, gives up those a server keeps waiting too long by the {@link Timeouts}, and
 * retries them by the {@link RetryPolicy}. A request is built anew for every attempt, so bodies
 * read from files are read again from their start.
 */
public final class Transport {
    private static final int LONGEST_ERROR_BODY = 64 * 1024;

    private final HttpClient client;
    private final HttpClient keyedClient;
    private final RetryPolicy retry;
    private final Timeouts timeouts;
    private final ScheduledExecutorService watchdogs = watchdogTimer();
    private final Optional<PrintStream> debugLog;

    /** A transport that takes the JVM's own proxy settings, if any. */
    public Transport(RetryPolicy retry, Timeouts timeouts, Optional<PrintStream> debugLog) {
        this(retry, timeouts, Optional.empty(), debugLog);
    }

    /**
     * @param proxies the proxies of the environment, for the API and for storage's presigned URLs
     *     alike; when empty, the JVM's own settings
     */
    public Transport(RetryPolicy retry, Timeouts timeouts, Optional<EnvironmentProxies> proxies,
            Optional<PrintStream> debugLog) {
        // HTTP/1.1: plain-http servers and proxies need no h2c upgrade dance.
        this.client = client(HttpClient.Redirect.NORMAL, proxies);
        // The JDK copies every header of a request onto the redirect, to whatever host it names:
        // a request with the API key stays with the server it was sent to.
        this.keyedClient = client(HttpClient.Redirect.NEVER, proxies);
        this.retry = retry;
        this.timeouts = timeouts;
        this.debugLog = debugLog;
    }

    private static HttpClient client(HttpClient.Redirect redirects, Optional<EnvironmentProxies> proxies) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(redirects);
        proxies.ifPresent(selector -> {
            builder.proxy(selector);
            selector.authenticator().ifPresent(builder::authenticator);
        });
        return builder.build();
    }

    public RetryPolicy retryPolicy() {
        return retry;
    }

    public Timeouts timeouts() {
        return timeouts;
    }

    /**
     * Whether a request that failed may be sent again.
     *
     * @param ifReceived empty when sending it twice does what sending it once does (a read, a part
     *     that replaces itself, a call whose second copy finds what the first did); otherwise what a
     *     copy the server received may have left, which the user is told when it is not sent again
     * @param serverErrorRetries how many times an answer of 500 is sent again, within the
     *     {@link RetryPolicy}'s attempts: none, but for a request whose copy sent again replaces
     *     whatever the failed one left half done
     */
    public record Resending(Optional<String> ifReceived, int serverErrorRetries) {
        public static final Resending ALWAYS = new Resending(Optional.empty(), 0);
        /**
         * A part of a chunked upload: the server stores it anew each time it gets it, so a 500 (a
         * storage write that failed, say) is as passing as a 503, and one part that fails for good
         * must not throw away the hours a large upload took; only a few times, as a 500 that stays
         * is no glitch.
         */
        public static final Resending REPLACES_ITSELF = new Resending(Optional.empty(), 3);

        /**
         * Each copy the server receives makes something new that sending it again would make twice
         * (a Type 1 upload makes a file): once the whole request went out, a failure may have come
         * after the server acted on it, so it is not sent again.
         */
        public static Resending untilReceived(String whatMayBeLeft) {
            return new Resending(Optional.of(whatMayBeLeft), 0);
        }

        CliException notSentAgain(String action, String failure, Exception cause) {
            return new CliException(action + ": " + failure + ", so it is not sent again: " + ifReceived.orElseThrow(),
                    cause);
        }
    }

    /** {@link #exchange(String, Supplier, long)} for a call the server answers at once. */
    public HttpResponse<InputStream> exchange(String action, Supplier<HttpRequest> request) {
        return exchange(action, request, 0);
    }

    /** {@link #exchange(String, Supplier, long, Resending)} for a request that may always be sent again. */
    public HttpResponse<InputStream> exchange(String action, Supplier<HttpRequest> request, long bytesHandled) {
        return exchange(action, request, bytesHandled, Resending.ALWAYS);
    }

    /**
     * The response to a request, once its status is 2xx; its body is for the caller to read and
     * close. Reading it fails with an {@link HttpTimeoutException} that names the server when
     * the body stands still for longer than the {@link Timeouts} allow.
     *
     * @param action what the request does, for messages: "upload of scene.tif"
     * @param bytesHandled how many bytes the server stores or joins between the end of the
     *     request and its answer (a part it stores, a file it assembles): the answer is awaited
     *     the longer
     * @param resending whether a request whose whole body went out may be sent again
     * @throws ApiException for an error answer that retrying did not change
     * @throws ConnectionFailedException when the server could not be reached, or kept the request waiting
     */
    public HttpResponse<InputStream> exchange(String action, Supplier<HttpRequest> request, long bytesHandled,
            Resending resending) {
        Duration answerWait = timeouts.answerAfterHandling(bytesHandled);
        int serverErrorRetriesLeft = resending.serverErrorRetries();
        for (int attempt = 1; ; attempt++) {
            HttpRequest sent = request.get();
            String failure;
            try {
                HttpResponse<InputStream> response = send(sent, answerWait);
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return response;
                }
                if (status >= 300 && status < 400 && carriesKey(sent)) {
                    ApiCalls.discard(response);
                    throw redirected(action, sent, status, response.headers().firstValue("Location"));
                }
                ApiException error = ApiException.of(action, status, readErrorBody(response));
                if ((status == 502 || status == 504) && resending.ifReceived().isPresent()) {
                    // a gateway that passed the request on lost the server's answer or stopped waiting
                    // for it: a broken connection or a timeout, only one hop further
                    throw resending.notSentAgain(action, "a gateway " + (status == 502
                            ? "got no valid answer from the server" : "gave up waiting for the server's answer")
                            + " (HTTP " + status + ")", error);
                }
                boolean passingServerError = status == 500 && serverErrorRetriesLeft-- > 0;
                if (!(RetryPolicy.isRetryable(status) || passingServerError) || !retry.mayRetryAfter(attempt)) {
                    throw error;
                }
                failure = "HTTP " + status;
            } catch (UnansweredRequest e) {
                if (resending.ifReceived().isPresent()) {
                    throw resending.notSentAgain(action, describe(e.unanswered(), sent) + " after the whole request went out",
                            e);
                }
                if (!retry.mayRetryAfter(attempt)) {
                    throw new ConnectionFailedException(action + ": " + describe(e.unanswered(), sent), e);
                }
                failure = describe(e.unanswered(), sent);
            } catch (SSLHandshakeException e) {
                // a certificate the JVM does not trust (a private CA) is as untrusted on every retry
                throw new CliException(action + ": the TLS handshake with " + origin(sent) + " failed (" + e.getMessage()
                        + "); if its certificate comes from a private CA, give the JVM a trust store that holds it:"
                        + " GEOINGEST_CLI_JAVA_OPTS=-Djavax.net.ssl.trustStore=/path/to/truststore.p12", e);
            } catch (IOException e) {
                if (!retry.mayRetryAfter(attempt)) {
                    throw new ConnectionFailedException(action + ": " + describe(e, sent), e);
                }
                failure = describe(e, sent);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(action + ": interrupted", e);
            }
            pause(attempt, sent.method() + " " + sent.uri().getPath() + " failed (" + failure + ")");
        }
    }

    private static CliException redirected(String action, HttpRequest sent, int status, Optional<String> location) {
        return new CliException(action + ": " + origin(sent) + " redirected the request (HTTP " + status + ")"
                + location.map(target -> " to " + whereTo(sent.uri(), target)).orElse("") + ", which the client does not"
                + " follow, so that the API key goes nowhere else; if that is the server to use, pass its URL (--url or"
                + " GEOINGEST_URL)");
    }

    /**
     * The origin of the redirect's target; its path (never its query, which may carry secrets) when
     * the origin is the one the request went to, as naming that again would say nothing.
     */
    private static String whereTo(URI base, String location) {
        try {
            URI target = base.resolve(location.strip());
            String origin = target.getScheme() + "://" + target.getRawAuthority();
            boolean sameOrigin = origin.equalsIgnoreCase(base.getScheme() + "://" + base.getRawAuthority());
            return sameOrigin ? Optional.ofNullable(target.getRawPath()).filter(path -> !path.isEmpty()).orElse("/")
                    + " on the same server" : origin;
        } catch (IllegalArgumentException notAUrl) {
            return "an address that is not a URL";
        }
    }

    /** One attempt, under a {@link Watchdog} that stays with the body of its answer until that is closed. */
    private HttpResponse<InputStream> send(HttpRequest request, Duration answerWait)
            throws IOException, InterruptedException {
        Watchdog watchdog = Watchdog.start(watchdogs, request.uri(), answerWait, timeouts.silence());
        HttpRequest watched = request.bodyPublisher()
                .map(body -> HttpRequest.newBuilder(request, (name, value) -> true)
                        .method(request.method(), watchdog.watch(body)).build())
                .orElse(request);
        HttpClient sender = carriesKey(request) ? keyedClient : client;
        CompletableFuture<HttpResponse<InputStream>> answer = sender.sendAsync(watched, info ->
                HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofInputStream(), watchdog::watch));
        watchdog.watchExchange(answer);
        try {
            return answer.get();
        } catch (ExecutionException | CancellationException e) {
            watchdog.close();
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof LocalReadException.Failure unreadable) {
                    throw unreadable.toException();
                }
            }
            IOException failure = watchdog.expired() ? watchdog.failure() : asIOException(e);
            throw watchdog.wholeRequestSent() ? new UnansweredRequest(failure) : failure;
        } catch (InterruptedException e) {
            watchdog.close();
            answer.cancel(true);
            throw e;
        }
    }

    /** A failure that came after the whole request body went out, so possibly after the server acted on it. */
    private static final class UnansweredRequest extends IOException {
        UnansweredRequest(IOException unanswered) {
            super(unanswered.getMessage(), unanswered);
        }

        IOException unanswered() {
            return (IOException) getCause();
        }
    }

    /** What {@link HttpClient#send} would have thrown for the failure of an exchange. */
    private static IOException asIOException(Exception failure) {
        Throwable cause = failure instanceof ExecutionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
    }

    private static ScheduledExecutorService watchdogTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "request-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        // an idle transport holds no thread, however many one JVM makes
        timer.setKeepAliveTime(10, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        return timer;
    }

    /**
     * Whether a request failed for want of a server rather than by its answer: no connection, one
     * that broke or stood still, or a server unavailable (502, 503, 504), through every retry.
     */
    public static boolean serverUnreachable(CliException failure) {
        return failure instanceof ConnectionFailedException
                || failure instanceof ApiException answer && RetryPolicy.isRetryable(answer.status());
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

    private static boolean carriesKey(HttpRequest request) {
        return request.headers().firstValue(ApiCalls.KEY_HEADER).isPresent();
    }

    private static String origin(HttpRequest request) {
        return request.uri().getScheme() + "://" + request.uri().getAuthority();
    }

    /** A connection failure in words: the JDK's messages are often empty. */
    static String describe(IOException e, HttpRequest request) {
        String server = origin(request);
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection to " + server + " (timed out)";
        }
        if (e instanceof ConnectException) {
            return "cannot connect to " + server;
        }
        if (e instanceof HttpTimeoutException) {
            // the watchdog's, which says what the server did not do in time
            return e.getMessage();
        }
        if (e instanceof ClosedChannelException || e.getMessage() == null || e.getMessage().isBlank()) {
            return "the connection to " + server + " broke (" + e.getClass().getSimpleName() + ")";
        }
        return "the connection to " + server + " failed: " + e.getMessage();
    }
}

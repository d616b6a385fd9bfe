package io.geoingest.cli.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Gives up one attempt of a request when the server keeps it waiting longer than its
 * {@link Timeouts} allow: it cancels the exchange, or closes the answer's body, so that the thread
 * waiting on it fails with what the server did not do in time. Each sign of progress (a piece of
 * the request taken, a piece of the answer read) sets the deadline anew; the java.net.http
 * client's own request timeout cannot serve, as it would also bound the sending of the body.
 */
final class Watchdog implements AutoCloseable {
    /** How often a deadline is checked within its bound: it is found passed at most a tenth late. */
    private static final int CHECKS_PER_BOUND = 10;

    /** When the server must have done something by, and what to say when it has not. */
    private record Due(long nanoTime, String failure) {
    }

    private final String server;
    private final Duration answerWait;
    private final Duration silence;
    private final String noAnswer;
    private final String requestStandsStill;
    private final String answerStandsStill;
    private volatile ScheduledFuture<?> checks;
    /** Null while nothing is awaited: the answer is in, and the caller is not reading its body. */
    private volatile Due due;
    private volatile String gaveUpBecause;
    private volatile CompletableFuture<?> exchange;
    private volatile InputStream body;
    private volatile boolean wholeRequestSent;

    private Watchdog(URI target, Duration answerWait, Duration silence) {
        this.server = target.getScheme() + "://" + target.getAuthority();
        this.answerWait = answerWait;
        this.silence = silence;
        this.noAnswer = "did not answer within " + Timeouts.inWords(answerWait);
        this.requestStandsStill = "took no more of the request for " + Timeouts.inWords(silence);
        this.answerStandsStill = "sent nothing for " + Timeouts.inWords(silence);
    }

    /** Watches a request from its start: the answer is due within {@code answerWait}. */
    static Watchdog start(ScheduledExecutorService timer, URI target, Duration answerWait, Duration silence) {
        Watchdog watchdog = new Watchdog(target, answerWait, silence);
        watchdog.awaitAnswer();
        long period = Math.max(1, Math.min(answerWait.toMillis(), silence.toMillis()) / CHECKS_PER_BOUND);
        watchdog.checks = timer.scheduleAtFixedRate(watchdog::check, period, period, TimeUnit.MILLISECONDS);
        return watchdog;
    }

    /** The exchange to cancel when the answer is late. */
    void watchExchange(CompletableFuture<?> exchange) {
        this.exchange = exchange;
    }

    /** The request body, sent under watch: the server must keep taking it in, then answer. */
    BodyPublisher watch(BodyPublisher requestBody) {
        return new BodyPublisher() {
            @Override
            public long contentLength() {
                return requestBody.contentLength();
            }

            @Override
            public void subscribe(Flow.Subscriber<? super ByteBuffer> client) {
                requestBody.subscribe(new Flow.Subscriber<ByteBuffer>() {
                    @Override
                    public void onSubscribe(Flow.Subscription subscription) {
                        client.onSubscribe(subscription);
                    }

                    @Override
                    public void onNext(ByteBuffer piece) {
                        // the client asks for more only as the connection takes it in: a piece is progress
                        due = new Due(System.nanoTime() + silence.toNanos(), requestStandsStill);
                        client.onNext(piece);
                    }

                    @Override
                    public void onError(Throwable error) {
                        client.onError(error);
                    }

                    @Override
                    public void onComplete() {
                        wholeRequestSent = true;
                        awaitAnswer();
                        client.onComplete();
                    }
                });
            }
        };
    }

    /** The answer's body, read under watch: once the answer is in, only a read that waits too long is given up. */
    InputStream watch(InputStream answerBody) {
        due = null;
        body = answerBody;
        return new FilterInputStream(answerBody) {
            @Override
            public int read() throws IOException {
                return watched(in::read);
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return watched(() -> in.read(buffer, offset, length));
            }

            @Override
            public void close() throws IOException {
                try {
                    in.close();
                } finally {
                    Watchdog.this.close();
                }
            }
        };
    }

    /** Whether the last byte of the request body went out: from then on, the server may have acted on it. */
    boolean wholeRequestSent() {
        return wholeRequestSent;
    }

    boolean expired() {
        return gaveUpBecause != null;
    }

    /** What the server did not do in time, as a connection failure. */
    HttpTimeoutException failure() {
        return new HttpTimeoutException(server + " " + gaveUpBecause);
    }

    @Override
    public void close() {
        ScheduledFuture<?> running = checks;
        if (running != null) {
            running.cancel(false);
        }
    }

    private void awaitAnswer() {
        due = new Due(System.nanoTime() + answerWait.toNanos(), noAnswer);
    }

    private interface Read {
        int next() throws IOException;
    }

    private int watched(Read read) throws IOException {
        due = new Due(System.nanoTime() + silence.toNanos(), answerStandsStill);
        int result;
        try {
            result = read.next();
        } catch (IOException e) {
            throw expired() ? failure() : e;
        } finally {
            due = null;
        }
        // a read that ended as the body was closed may look like the body's end: it is not
        if (expired()) {
            throw failure();
        }
        return result;
    }

    private void check() {
        Due current = due;
        if (current == null || System.nanoTime() - current.nanoTime() < 0) {
            return;
        }
        due = null;
        gaveUpBecause = current.failure();
        CompletableFuture<?> waiting = exchange;
        if (waiting != null) {
            waiting.cancel(true);
        }
        InputStream reading = body;
        if (reading != null) {
            try {
                reading.close();
            } catch (IOException e) {
                // the reader fails anyway, with the timeout
            }
        }
    }
}

package io.geoingest.local;

import io.geoingest.common.http.UnreadBody;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway's calls to one service, and its own answers when a call fails: in the error format of
 * the request's API, as the services answer, where the proxy answered empty 502s and waited for a
 * hung service until the client gave up.
 */
final class UpstreamCalls implements ProxyInterceptor {
    private static final String NO_ANSWER_IN_TIME = "geoingest.no-answer-in-time";
    /** Headers of one connection (RFC 9110, 7.6.1), which a proxy does not pass on. */
    private static final List<String> HOP_BY_HOP = List.of("Connection", "Keep-Alive", "Proxy-Connection", "Upgrade");

    private final Vertx vertx;
    private final HttpClient client;
    private final Service service;
    private final SocketAddress address;
    private final GatewayLimits limits;
    /** Requests of every service that have no answer yet, which a stop of the gateway waits for. */
    private final AtomicInteger awaitingAnswers;

    UpstreamCalls(Vertx vertx, HttpClient client, Service service, int port, GatewayLimits limits,
            AtomicInteger awaitingAnswers) {
        this.vertx = vertx;
        this.client = client;
        this.service = service;
        this.address = SocketAddress.inetSocketAddress(port, "127.0.0.1");
        this.limits = limits;
        this.awaitingAnswers = awaitingAnswers;
    }

    /**
     * A request to the service. It waits for a free connection at most twice the connect timeout,
     * so that a service slow to accept is told apart (504) from a pool with none free (503).
     */
    Future<HttpClientRequest> open(ProxyContext context) {
        HttpServerRequest incoming = context.request().proxiedRequest();
        return client.request(new RequestOptions().setServer(address)
                        .setConnectTimeout(limits.connectTimeout().multipliedBy(2).toMillis()))
                .onSuccess(outgoing -> awaitAnswer(context, incoming, outgoing));
    }

    /**
     * The wait for the service's answer starts once the whole request has reached it: an upload
     * streams its body first, for as long as the client takes to send it. It ends at the answer's
     * head, so a status stream or a download that is answering runs for as long as it lasts.
     */
    private void awaitAnswer(ProxyContext context, HttpServerRequest incoming, HttpClientRequest outgoing) {
        incoming.end().onSuccess(sent -> {
            long timer = vertx.setTimer(limits.responseTimeout().toMillis(), expired -> {
                // the reset fails the call as a closed connection: the reason is kept aside
                context.set(NO_ANSWER_IN_TIME, true);
                outgoing.reset();
            });
            outgoing.response().onComplete(answered -> vertx.cancelTimer(timer));
        });
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        awaitingAnswers.incrementAndGet();
        return context.sendRequest()
                .onComplete(answered -> awaitingAnswers.decrementAndGet())
                .recover(failure -> Future.succeededFuture(answerFor(context, failure)));
    }

    private ProxyResponse answerFor(ProxyContext context, Throwable failure) {
        HttpServerRequest incoming = context.request().proxiedRequest();
        String name = service.moduleName();
        Failed failed;
        if (context.get(NO_ANSWER_IN_TIME, Boolean.class) != null) {
            failed = new Failed(504, name + " did not answer within " + limits.responseTimeout().toSeconds() + " s");
        } else if (failure instanceof ConnectionPoolTooBusyException || failure instanceof TimeoutException) {
            failed = new Failed(503, name + " has " + limits.connectionsPerService()
                    + " requests in progress (open status streams and uploads count), and no room for more; try again shortly");
        } else if (failure instanceof ConnectTimeoutException) {
            failed = new Failed(504, name + " did not accept a connection within " + limits.connectTimeout().toSeconds() + " s");
        } else if (failure instanceof ConnectException) {
            failed = new Failed(502, name + " is not reachable (stopped, or starting again)");
        } else {
            failed = new Failed(502, name + " closed the connection before it answered");
        }
        return context.request().release().response().setStatusCode(failed.status())
                .putHeader("Content-Type", "application/json").putHeader("Cache-Control", Gateway.NO_STORE)
                .setBody(Body.body(Buffer.buffer(Gateway.error(incoming, failed.status(), failed.message()).encode())));
    }

    /**
     * An answer given before the whole request came in (a 413 of a body over the limit, a 401 of a
     * wrong key, or the gateway's own) ends the client's connection: reading the rest of the body to
     * keep it would have the client send every byte of an upload that was refused. The connection
     * closes as the services close theirs, once what still comes of the body was read and dropped
     * for a moment ({@link UnreadBody#closeConnectionOnceDrained}).
     */
    @Override
    public Future<Void> handleProxyResponse(ProxyContext context) {
        HttpServerRequest incoming = context.request().proxiedRequest();
        // The service's connection headers are about its connection to the gateway, not the
        // client's; over HTTP/2 a client refuses an answer with one (a "Connection: close" of an
        // early refusal reached curl as a stream reset, with no status)
        HOP_BY_HOP.forEach(context.response().headers()::remove);
        if (!UnreadBody.isAnnounced(incoming) || incoming.isEnded()) {
            return context.sendResponse();
        }
        Gateway.closeAfterAnswer(incoming);
        return context.sendResponse().onComplete(sent -> {
            if (incoming.version() != HttpVersion.HTTP_2) {
                UnreadBody.closeConnectionOnceDrained(vertx, incoming);
            }
        });
    }

    private record Failed(int status, String message) {
    }
}

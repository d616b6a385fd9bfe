package io.geoingest.local;

import java.time.Duration;

/**
 * How much the gateway holds open and how long it waits for a service.
 *
 * @param connectionsPerService connections to each service at once: every open status stream and
 *        every upload in progress holds one for as long as it lasts, so this is far above the
 *        number of plain requests in flight
 * @param waitingPerService requests to one service that may wait for a connection when all are
 *        taken; one more is answered 503 at once rather than left waiting with no end
 * @param connectTimeout how long to wait for a service to accept a connection
 * @param responseTimeout how long a service may take to begin its answer once the whole request
 *        has reached it: a chunked upload's completion assembles a file of many GB before it answers
 * @param idleTimeout how long a client connection may stay silent both ways before it is closed; at
 *        least the response timeout
 * @param stopGrace how long a stop of the gateway waits for the services to answer the requests in
 *        flight (uploads still sending, completions), as long as the slowest service's own grace
 */
record GatewayLimits(int connectionsPerService, int waitingPerService, Duration connectTimeout,
        Duration responseTimeout, Duration idleTimeout, Duration stopGrace) {
    static final int DEFAULT_CONNECTIONS_PER_SERVICE = 1000;
    /** As the Ingress and the Compose nginx wait for an answer (proxy-read-timeout 3600). */
    static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofHours(1);
    /**
     * A client connection that neither sends nor reads for this long is closed (longer when the
     * response timeout is), as the services close theirs (Quarkus' default): a client that announced a body and went silent would
     * otherwise hold its connection for good, since the proxy calls the service only once the first
     * body bytes arrive. Open status streams carry keep-alive comments well within it.
     */
    static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration IDLE_MARGIN = Duration.ofMinutes(1);

    /**
     * A client waiting for an answer sends and reads nothing, so its connection is idle as long as
     * it waits: an idle timeout below the response timeout cut the wait short with a closed
     * connection. The margin lets the 504 of a response timeout reach the client first, since the
     * idle time counts from the request's last byte, a moment before the service has it all.
     */
    static GatewayLimits of(int connectionsPerService, Duration responseTimeout) {
        Duration outlastingTheWait = responseTimeout.plus(IDLE_MARGIN);
        Duration idleTimeout = outlastingTheWait.compareTo(DEFAULT_IDLE_TIMEOUT) > 0 ? outlastingTheWait
                : DEFAULT_IDLE_TIMEOUT;
        return new GatewayLimits(connectionsPerService, connectionsPerService, Duration.ofSeconds(5), responseTimeout,
                idleTimeout, Service.longestShutdownTimeout());
    }

    static GatewayLimits defaults() {
        return of(DEFAULT_CONNECTIONS_PER_SERVICE, DEFAULT_RESPONSE_TIMEOUT);
    }

    GatewayLimits withIdleTimeout(Duration timeout) {
        return new GatewayLimits(connectionsPerService, waitingPerService, connectTimeout, responseTimeout, timeout,
                stopGrace);
    }
}

package io.geoingest.cli.http;

import java.time.Duration;

/**
 * How long the client waits on a server before it gives a request up: it then fails as a broken
 * connection does, and is retried as one. The bounds are on waiting and silence, not on a whole
 * request, so that an upload over a slow link takes as long as it needs while its bytes move.
 *
 * @param answer the longest wait for the answer once a request is sent, for a call the server
 *     answers at once: a status, a listing, a search
 * @param silence the longest pause in bytes that should be moving: a request body the server
 *     takes in, an answer it sends, a status stream (which sends a keep-alive every 15 s)
 * @param handledBytesPerSecond the slowest pace at which a server is expected to store or join
 *     bytes between the end of a request and its answer: a part it stores, a file it assembles
 */
public record Timeouts(Duration answer, Duration silence, long handledBytesPerSecond) {
    /**
     * A server that says nothing for half a minute, or lets a transfer stand still for a minute
     * (four of the status stream's keep-alives), is gone; 8 MiB/s is well under what storage
     * copies and joins parts at.
     */
    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(60), 8L << 20);

    public Timeouts {
        if (answer.isNegative() || answer.isZero() || silence.isNegative() || silence.isZero()
                || handledBytesPerSecond < 1) {
            throw new IllegalArgumentException("timeouts and the pace of a server are more than zero");
        }
    }

    /**
     * These bounds, all grown or shrunk by one factor so that the wait for an answer is
     * {@code answerWait}: a server or link slower than they assume is slower at everything.
     */
    public Timeouts scaledTo(Duration answerWait) {
        double factor = (double) answerWait.toMillis() / answer.toMillis();
        return new Timeouts(answerWait, Duration.ofMillis(Math.round(silence.toMillis() * factor)),
                Math.max(1, Math.round(handledBytesPerSecond / factor)));
    }

    /** The wait for the answer once a request is sent, when the server first handles {@code bytes} bytes. */
    public Duration answerAfterHandling(long bytes) {
        return answer.plusSeconds(bytes / handledBytesPerSecond);
    }

    /** A bound for people: "30 s", "2 min 5 s"; milliseconds only for bounds that have them (tests). */
    public static String inWords(Duration duration) {
        if (duration.toMillisPart() != 0) {
            return duration.toMillis() + " ms";
        }
        if (duration.toSeconds() < 120) {
            return duration.toSeconds() + " s";
        }
        return duration.toMinutes() + " min" + (duration.toSecondsPart() == 0 ? "" : " " + duration.toSecondsPart() + " s");
    }
}

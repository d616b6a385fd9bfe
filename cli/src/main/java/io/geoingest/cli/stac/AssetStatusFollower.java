package io.geoingest.cli.stac;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.cli.CliException;
import io.geoingest.cli.GaveUpWaitingException;
import io.geoingest.cli.OutcomeWait;
import io.geoingest.cli.Session;
import io.geoingest.cli.http.RoundsWithoutNews;
import io.geoingest.cli.http.Timeouts;
import java.time.Duration;

/**
 * Waits for an asset's newly uploaded file to be processed, by reading the asset's
 * {@code geoingest:status} until it is COMPLETED or FAILED (the STAC API has no status stream).
 * The polls of as long as a status stream may be silent make a round, and the wait gives up
 * without news as {@code upload}'s status stream does ({@link RoundsWithoutNews}): after five rounds,
 * about 5 min by default, and longer or shorter with {@code --timeout}.
 */
final class AssetStatusFollower {
    private static final Duration FIRST_WAIT = Duration.ofMillis(200);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(2);
    static final String STATUS = "geoingest:status";
    static final String ERROR = "geoingest:error";

    private final Session session;
    private final AssetPath asset;

    AssetStatusFollower(Session session, AssetPath asset) {
        this.session = session;
        this.asset = asset;
    }

    /**
     * Returns once the file is COMPLETED.
     *
     * @throws CliException when it FAILED, with the reason
     * @throws GaveUpWaitingException when the wait is given up with the file still at work, or the
     *     server was lost during it
     */
    void awaitCompleted() {
        JsonNode document = OutcomeWait.afterUpload(this::finalStatus, checkLater());
        if (document.path(STATUS).asText().equals("FAILED")) {
            throw new CliException("the file of asset " + asset + " FAILED"
                    + (document.hasNonNull(ERROR) ? ": " + document.path(ERROR).asText() : ""));
        }
    }

    /** The asset once its file is COMPLETED or FAILED. */
    private JsonNode finalStatus() {
        RoundsWithoutNews rounds = new RoundsWithoutNews(session.transport().retryPolicy());
        Duration round = session.transport().timeouts().silence();
        long roundStarted = System.nanoTime();
        boolean news = false;
        String last = "";
        Duration wait = FIRST_WAIT;
        while (true) {
            JsonNode document = session.stac().asset(asset);
            String status = document.path(STATUS).asText("");
            if (!status.equals(last) && !status.isEmpty()) {
                session.notice("status: " + status);
                last = status;
                news = true;
            }
            if (status.equals("COMPLETED") || status.equals("FAILED")) {
                return document;
            }
            if (System.nanoTime() - roundStarted >= round.toNanos()) {
                String still = status.isEmpty() ? "with no status for the file yet" : "with the file still " + status;
                rounds.ended(news, count -> new GaveUpWaitingException("status of asset " + asset + ": " + count
                        + " rounds of polling in a row (" + Timeouts.inWords(round) + " each) ended " + still
                        + "; it may be processing still: " + checkLater()));
                roundStarted = System.nanoTime();
                news = false;
            }
            sleep(wait);
            wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
        }
    }

    /** No geoingest command shows an asset's status: its URL does. */
    private String checkLater() {
        return "see the asset's geoingest:status later: GET " + session.connection().resolve(asset.path());
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", e);
        }
    }
}

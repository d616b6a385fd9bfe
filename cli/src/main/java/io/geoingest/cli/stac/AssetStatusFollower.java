package io.geoingest.cli.stac;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.cli.CliException;
import io.geoingest.cli.GaveUpWaitingException;
import io.geoingest.cli.OutcomeWait;
import io.geoingest.cli.Session;
import io.geoingest.cli.http.Timeouts;
import java.time.Duration;

/**
 * Waits for an asset's newly uploaded file to be processed, by reading the asset's
 * {@code geoingest:status} until it is COMPLETED or FAILED (the STAC API has no status stream).
 * It waits as long as the server answers, as {@code upload} follows a status stream while its
 * keep-alives come: a large file, or a long queue, may take the worker many minutes, and the
 * worker's leases and read timeout already end a file that is stuck. A server lost on the way
 * ends the wait with the outcome unknown; so do an asset that shows no status for as long as a
 * status stream may bring no news (a server that does not process its files), and an asset that
 * holds another file than the one uploaded (a later upload replaced it).
 */
final class AssetStatusFollower {
    private static final Duration FIRST_WAIT = Duration.ofMillis(200);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(2);
    static final String STATUS = "geoingest:status";
    static final String ERROR = "geoingest:error";

    static final String CHECKSUM = "file:checksum";

    private final Session session;
    private final AssetPath asset;
    private final String uploadId;
    private final String checksum;

    /** @param checksum the multihash of the file that upload {@code uploadId} stored */
    AssetStatusFollower(Session session, AssetPath asset, String uploadId, String checksum) {
        this.session = session;
        this.asset = asset;
        this.uploadId = uploadId;
        this.checksum = checksum;
    }

    /**
     * Returns once the file is COMPLETED.
     *
     * @throws CliException when it FAILED, with the reason
     * @throws GaveUpWaitingException when the server was lost during the wait, the asset showed no
     *     status for too long, or it holds another file now
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
        Duration noStatusBound = session.transport().timeouts().silence()
                .multipliedBy(session.transport().retryPolicy().attempts());
        long noStatusSince = System.nanoTime();
        String last = "";
        Duration wait = FIRST_WAIT;
        while (true) {
            JsonNode document = session.stac().asset(asset);
            String shown = document.path(CHECKSUM).asText("");
            if (!shown.isEmpty() && !shown.equalsIgnoreCase(checksum)) {
                throw new GaveUpWaitingException("asset " + asset + " holds another file now (" + CHECKSUM + " " + shown
                        + ", not " + checksum + " of upload " + uploadId + "): it was replaced, so what became of this"
                        + " upload's file is not known");
            }
            String status = document.path(STATUS).asText("");
            if (status.isEmpty()) {
                if (System.nanoTime() - noStatusSince > noStatusBound.toNanos()) {
                    throw new GaveUpWaitingException("asset " + asset + " showed no " + STATUS + " for "
                            + Timeouts.inWords(noStatusBound) + " after upload " + uploadId + " completed; it may not be"
                            + " processed yet: " + checkLater());
                }
            } else {
                noStatusSince = System.nanoTime();
            }
            if (!status.equals(last) && !status.isEmpty()) {
                session.notice("status: " + status);
                last = status;
            }
            if (status.equals("COMPLETED") || status.equals("FAILED")) {
                return document;
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

package io.geoingest.cli.stac;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.cli.CliException;
import io.geoingest.cli.GaveUpWaitingException;
import io.geoingest.cli.OutcomeWait;
import io.geoingest.cli.Session;
import java.time.Duration;

/**
 * Waits for an asset's newly uploaded file to be processed, by reading the asset's
 * {@code geoingest:status} until it is COMPLETED or FAILED (the STAC API has no status stream).
 * It waits as long as the server answers, as {@code upload} follows a status stream while its
 * keep-alives come: a large file, or a long queue, may take the worker many minutes, and the
 * worker's leases and read timeout already end a file that is stuck. A server lost on the way
 * ends the wait with the outcome unknown.
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
     * @throws GaveUpWaitingException when the server was lost during the wait
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
        String last = "";
        Duration wait = FIRST_WAIT;
        while (true) {
            JsonNode document = session.stac().asset(asset);
            String status = document.path(STATUS).asText("");
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

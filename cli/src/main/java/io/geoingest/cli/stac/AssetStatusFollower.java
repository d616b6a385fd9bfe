package io.geoingest.cli.stac;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.cli.CliException;
import io.geoingest.cli.Session;
import java.time.Duration;

/**
 * Waits for an asset's newly uploaded file to be processed, by reading the asset's
 * {@code geoingest:status} until it is COMPLETED or FAILED (the STAC API has no status stream).
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

    /** Returns once the file is COMPLETED. @throws CliException when it FAILED, with the reason */
    void awaitCompleted() {
        String last = "";
        Duration wait = FIRST_WAIT;
        while (true) {
            JsonNode document = session.stac().asset(asset);
            String status = document.path(STATUS).asText("");
            if (!status.equals(last) && !status.isEmpty()) {
                session.notice("status: " + status);
                last = status;
            }
            if (status.equals("COMPLETED")) {
                return;
            }
            if (status.equals("FAILED")) {
                throw new CliException("the file of asset " + asset + " FAILED"
                        + (document.hasNonNull(ERROR) ? ": " + document.path(ERROR).asText() : ""));
            }
            sleep(wait);
            wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
        }
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

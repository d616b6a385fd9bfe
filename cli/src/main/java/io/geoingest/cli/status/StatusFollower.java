package io.geoingest.cli.status;

import io.geoingest.cli.CliException;
import io.geoingest.cli.OutcomeWait;
import io.geoingest.cli.Session;
import io.geoingest.cli.file.StatusEvent;

/** Waits for a file to be processed, telling the user of each status on the way. */
public final class StatusFollower {
    private final Session session;

    public StatusFollower(Session session) {
        this.session = session;
    }

    /**
     * Returns once the uploaded file is COMPLETED.
     *
     * @throws CliException when it FAILED, with the reason
     * @throws io.geoingest.cli.GaveUpWaitingException when the wait is given up with the file still at
     *     work, or the server was lost during it
     */
    public void awaitCompleted(String fileId) {
        StatusEvent last = OutcomeWait.afterUpload(
                () -> session.files().followStatus(fileId, event -> session.notice("status: " + event.status())),
                "see 'geoingest status " + fileId + "' later");
        if (!StatusEvent.COMPLETED.equals(last.status())) {
            throw new CliException("file " + fileId + " " + last.status()
                    + last.failureReason().map(reason -> ": " + reason).orElse(""));
        }
    }
}

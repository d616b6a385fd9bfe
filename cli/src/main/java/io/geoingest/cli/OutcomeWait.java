package io.geoingest.cli;

import io.geoingest.cli.http.Transport;
import java.util.function.Supplier;

/**
 * The wait for what becomes of a file whose upload completed. A server lost during it (gone, or
 * unavailable through every retry) leaves that unknown, not failed: the file is uploaded and may
 * be processed by now, so the wait ends as one given up, which says how to learn the outcome later.
 */
public final class OutcomeWait {

    private OutcomeWait() {
    }

    /**
     * What {@code wait} returns.
     *
     * @param howToCheckLater what the user can do to learn the outcome: "see 'geoingest status 42' later"
     * @throws GaveUpWaitingException when the server was lost during the wait
     */
    public static <T> T afterUpload(Supplier<T> wait, String howToCheckLater) {
        try {
            return wait.get();
        } catch (CliException e) {
            if (!Transport.serverUnreachable(e)) {
                throw e;
            }
            throw new GaveUpWaitingException(e.getMessage() + "; the upload itself completed, but what became of the"
                    + " file is not known yet: " + howToCheckLater, e);
        }
    }
}

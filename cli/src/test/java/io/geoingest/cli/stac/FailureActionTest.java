package io.geoingest.cli.stac;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The retry policy of the STAC upload guide, step by step. */
class FailureActionTest {

    @Test
    void anUnavailableServiceIsRetriedAtEveryStep() {
        for (int status : new int[] {502, 503, 504}) {
            assertEquals(FailureAction.RETRY, FailureAction.afterCreate(status, "Bad Gateway"));
            assertEquals(FailureAction.RETRY, FailureAction.afterTransfer(status));
        }
    }

    @Test
    void anUploadAlreadyInProgressIsAbortedAndTheUploadStartedAgain() {
        assertEquals(FailureAction.ABORT_EXISTING_AND_RESTART,
                FailureAction.afterCreate(400, "Upload already in progress"));
        assertEquals(FailureAction.ABORT_EXISTING_AND_RESTART,
                FailureAction.afterCreate(409, "Upload already in progress"));
    }

    @Test
    void otherErrorsCancelTheUpload() {
        assertEquals(FailureAction.CANCEL, FailureAction.afterCreate(400, "file:checksum is required"));
        assertEquals(FailureAction.CANCEL, FailureAction.afterCreate(404, "Asset not found"));
        assertEquals(FailureAction.CANCEL, FailureAction.afterCreate(500, "Upload already in progress"));
        assertEquals(FailureAction.CANCEL, FailureAction.afterTransfer(400));
        assertEquals(FailureAction.CANCEL, FailureAction.afterTransfer(403));
        assertEquals(FailureAction.CANCEL, FailureAction.afterTransfer(500));
    }
}

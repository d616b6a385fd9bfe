package io.geoingest.cli.stac;

import io.geoingest.cli.http.RetryPolicy;

/**
 * What to do when a step of an asset upload gets an error answer, by the retry policy of the STAC
 * upload guide ({@code ../shared/spec/stac-asset-upload.txt}, "Recurrent Upload").
 */
public enum FailureAction {
    /** The service is momentarily unavailable (502, 503, 504): send the same request again after a wait. */
    RETRY,
    /** Another upload of the asset is in progress: abort it, then start this one again. */
    ABORT_EXISTING_AND_RESTART,
    /** Anything else: abort this upload (if it was created) and give up; retrying would not help. */
    CANCEL;

    /** The description the API gives when an asset has an upload in progress already. */
    public static final String UPLOAD_IN_PROGRESS = "Upload already in progress";

    /** After the request that creates the upload failed. */
    public static FailureAction afterCreate(int status, String description) {
        if (RetryPolicy.isRetryable(status)) {
            return RETRY;
        }
        // The guide and GeoIngest answer 400; a 409 with the same words means the same.
        boolean inProgress = (status == 400 || status == 409) && UPLOAD_IN_PROGRESS.equals(description);
        return inProgress ? ABORT_EXISTING_AND_RESTART : CANCEL;
    }

    /** After a part PUT or the completion failed: another upload in progress cannot be the cause any more. */
    public static FailureAction afterTransfer(int status) {
        return RetryPolicy.isRetryable(status) ? RETRY : CANCEL;
    }
}

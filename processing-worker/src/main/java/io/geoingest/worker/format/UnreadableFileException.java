package io.geoingest.worker.format;

/**
 * The file is not a readable instance of the format its bytes announce (truncated, damaged,
 * invalid). The message is the failure reason the uploader sees, so it says what is wrong in
 * words a person can act on.
 */
public class UnreadableFileException extends Exception {

    public UnreadableFileException(String reason) {
        super(reason);
    }

    public UnreadableFileException(String reason, Throwable cause) {
        super(reason, cause);
    }
}

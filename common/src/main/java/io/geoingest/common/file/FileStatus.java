package io.geoingest.common.file;

/** Lifecycle of a stored file: {@code QUEUED -> IN_PROGRESS -> COMPLETED | FAILED}. */
public enum FileStatus {
    QUEUED,
    IN_PROGRESS,
    COMPLETED,
    FAILED;

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED;
    }
}

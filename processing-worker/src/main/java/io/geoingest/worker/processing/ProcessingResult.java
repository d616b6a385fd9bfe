package io.geoingest.worker.processing;

/** What became of the event that asked for a file to be processed. */
public enum ProcessingResult {
    /** The file's status is stored (or was already terminal, or another worker holds it): the event is done with. */
    DONE,
    /** The worker is stopping and did not finish the file: the event must be delivered again. */
    DEFERRED
}

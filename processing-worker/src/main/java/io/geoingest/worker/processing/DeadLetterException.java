package io.geoingest.worker.processing;

/**
 * Processing gave up on a transient fault after every retry: the event goes to the dead-letter
 * topic with this message as the reason. The file is (or, once the database is back, will be)
 * FAILED with the same reason.
 */
public class DeadLetterException extends RuntimeException {

    public DeadLetterException(String reason) {
        super(reason);
    }
}

package io.geoingest.worker.retry;

/** Marks a failure that trying again cannot change; {@link Retrier} lets it through at once. */
public interface NotRetryable {
}

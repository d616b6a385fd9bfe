package io.geoingest.status.stac;

import io.geoingest.common.error.StacProblem;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import java.util.function.Supplier;
import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Two clients writing the same document at once, or a document whose parent is deleted
 * meanwhile: the database refuses one of them (primary or foreign key), or the row one of them
 * read is gone when it writes (another request deleted it), and that client gets an answer in the
 * API's format rather than a 500.
 */
public final class ConcurrentWrites {
    private static final String CHANGED_MEANWHILE =
            "The resource or its parent was changed by another request at the same time; retry";

    private ConcurrentWrites() {
    }

    /**
     * Flushes pending writes now, inside the caller's transaction, so that a conflict is answered
     * as one: a 409 to retry, also when the document read for a replacement was deleted before
     * the replacement was written (the retry creates it).
     */
    public static void flush(EntityManager entityManager) {
        flush(entityManager, () -> StacProblem.conflict(CHANGED_MEANWHILE));
    }

    /**
     * Flushes a deletion: when another request deleted the row first (both read it, one deleted
     * it, the other then deletes nothing), the document is answered as not found, as it would be
     * a moment later.
     */
    public static void flushDeletion(EntityManager entityManager, Supplier<StacProblem> notFound) {
        flush(entityManager, notFound);
    }

    private static void flush(EntityManager entityManager, Supplier<StacProblem> rowGone) {
        try {
            entityManager.flush();
        } catch (PersistenceException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ConstraintViolationException) {
                    throw StacProblem.conflict(CHANGED_MEANWHILE);
                }
                if (cause instanceof StaleStateException || cause instanceof OptimisticLockException) {
                    // Hibernate expected one row and found none: another request deleted it meanwhile.
                    throw rowGone.get();
                }
            }
            throw e;
        }
    }
}

package io.geoingest.status.stac;

import io.geoingest.common.error.StacProblem;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Two clients writing the same new document at once, or a document whose parent is deleted
 * meanwhile: the database refuses one of them (primary or foreign key), and that client gets a
 * 409 to retry rather than a 500.
 */
public final class ConcurrentWrites {
    private ConcurrentWrites() {
    }

    /** Flushes pending writes now, inside the caller's transaction, so that a conflict is answered as one. */
    public static void flush(EntityManager entityManager) {
        try {
            entityManager.flush();
        } catch (PersistenceException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ConstraintViolationException) {
                    throw StacProblem.conflict("The resource or its parent was changed by another request at the"
                            + " same time; retry");
                }
            }
            throw e;
        }
    }
}

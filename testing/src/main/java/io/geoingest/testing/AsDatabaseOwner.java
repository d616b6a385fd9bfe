package io.geoingest.testing;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.concurrent.Callable;

/**
 * Test data written in the service's own datasource, but as the database's owner rather than the
 * service's role: the rows another service, or an earlier step of the pipeline, would have
 * written. The service under test keeps its role for everything else, so a query its role may not
 * run still fails.
 */
public final class AsDatabaseOwner {
    private AsDatabaseOwner() {
    }

    /** Runs {@code work} in a transaction of its own as the owner. */
    public static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    /** Calls {@code work} in a transaction of its own as the owner. */
    public static <T> T call(Callable<T> work) {
        return QuarkusTransaction.requiringNew().call(() -> {
            takeOwnerRole();
            return work.call();
        });
    }

    /**
     * The rest of the transaction already open runs as the owner: the session user the tests
     * connect as, which the service's connections leave with {@code SET ROLE}.
     */
    public static void takeOwnerRole() {
        Panache.getEntityManager().createNativeQuery("set local role none").executeUpdate();
    }
}

package io.geoingest.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.geoingest.common.error.DatabaseRefusals;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.Set;

/** What the service under test may not do in the database, whatever its code tried. */
public final class RefusedByTheDatabase {
    private RefusedByTheDatabase() {
    }

    /** Runs {@code sql} on the service's own connections and expects PostgreSQL to refuse its role. */
    public static void assertRefused(String sql) {
        Throwable thrown = assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew()
                .run(() -> Panache.getEntityManager().createNativeQuery(sql).executeUpdate()), sql);
        if (!DatabaseRefusals.refusedWith(thrown, Set.of(DatabaseRefusals.INSUFFICIENT_PRIVILEGE))) {
            fail("not refused for lack of privilege: " + sql, thrown);
        }
    }
}

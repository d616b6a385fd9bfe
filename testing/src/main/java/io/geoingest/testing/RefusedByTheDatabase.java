package io.geoingest.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.sql.SQLException;

/** What the service under test may not do in the database, whatever its code tried. */
public final class RefusedByTheDatabase {
    /** PostgreSQL's insufficient_privilege. */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private RefusedByTheDatabase() {
    }

    /** Runs {@code sql} on the service's own connections and expects PostgreSQL to refuse its role. */
    public static void assertRefused(String sql) {
        Throwable thrown = assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew()
                .run(() -> Panache.getEntityManager().createNativeQuery(sql).executeUpdate()), sql);
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException refusal && INSUFFICIENT_PRIVILEGE.equals(refusal.getSQLState())) {
                return;
            }
        }
        fail("not refused for lack of privilege: " + sql, thrown);
    }
}

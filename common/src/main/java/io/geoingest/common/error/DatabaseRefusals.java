package io.geoingest.common.error;

import java.sql.SQLException;
import java.util.Set;

/** Why PostgreSQL refused a statement, found in a failure's causes by SQL state. */
public final class DatabaseRefusals {
    /** The connection's role lacks a privilege the statement needs. */
    public static final String INSUFFICIENT_PRIVILEGE = "42501";

    private DatabaseRefusals() {
    }

    /** Whether the failure comes from a statement PostgreSQL refused with one of {@code sqlStates}. */
    public static boolean refusedWith(Throwable failure, Set<String> sqlStates) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException refusal && sqlStates.contains(refusal.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}

package io.geoingest.testing.infra;

/**
 * The database role each service works as, made and granted by the migration
 * {@code db/migration/afterMigrate.sql}. Tests and the local suite connect as PostgreSQL's superuser and
 * take the service's role on every connection ({@code SET ROLE}), which leaves the connection
 * exactly the role's privileges, as a deployed service's own login has.
 */
public enum DatabaseRole {
    UPLOAD("geoingest_upload"),
    WORKER("geoingest_worker"),
    STATUS("geoingest_status");

    private final String roleName;

    DatabaseRole(String roleName) {
        this.roleName = roleName;
    }

    public String roleName() {
        return roleName;
    }

    /** The statement that makes a connection work as this role. */
    public String setRole() {
        return "set role " + roleName;
    }

    /**
     * The password Flyway connects with. Quarkus gives Flyway a connection of its own, not one
     * of the service's (which have taken the service's role), only when it has a user and a
     * password; the servers we start trust local connections and ignore it.
     */
    public static String flywayPassword(String password) {
        return password.isEmpty() ? "not-checked" : password;
    }
}

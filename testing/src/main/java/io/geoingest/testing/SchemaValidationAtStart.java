package io.geoingest.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * What a service that does not migrate (in Kubernetes, all but the upload-service) checks at
 * start, {@code quarkus.flyway.validate-at-start}: that the schema holds every migration it was
 * built with, read as the service's own role.
 */
public final class SchemaValidationAtStart {
    private SchemaValidationAtStart() {
    }

    /**
     * Validation as the service under test, with the configuration Quarkus gives Flyway, passes on
     * the schema as migrated, and fails, naming the migration, for a build that carries one the
     * schema lacks (a pod of a new release started before the upload-service migrated).
     */
    public static void assertStartsOnlyOnACurrentSchema() {
        Flyway configured = Arc.container().instance(Flyway.class).get();
        DataSource service = Arc.container().instance(AgroalDataSource.class).get();
        ValidateResult current = asService(configured, service).load().validateWithResult();
        assertTrue(current.validationSuccessful, current::getAllErrorMessages);

        ValidateResult behind = asService(configured, service).javaMigrations(new V1000__Of_a_later_release())
                .load().validateWithResult();
        assertFalse(behind.validationSuccessful, "a schema without a migration of the build validated");
        assertTrue(behind.getAllErrorMessages().contains("1000"), behind::getAllErrorMessages);
    }

    private static FluentConfiguration asService(Flyway configured, DataSource service) {
        return Flyway.configure().configuration(configured.getConfiguration()).dataSource(service);
    }

    /** Flyway reads a Java migration's version and description from its class name. */
    private static final class V1000__Of_a_later_release extends BaseJavaMigration {
        @Override
        public void migrate(Context context) {
            throw new UnsupportedOperationException("validated, never applied");
        }
    }
}

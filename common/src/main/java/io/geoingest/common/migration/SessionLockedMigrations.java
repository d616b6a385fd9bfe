package io.geoingest.common.migration;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Singleton;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * Has Flyway hold its migration lock for the session instead of in a transaction it keeps open.
 * A concurrent index build (V14, V16) waits until every transaction older than it has ended, Flyway's
 * lock transaction among them, which only ends after the migration: the start would hang for good.
 */
@Singleton
public class SessionLockedMigrations implements FlywayConfigurationCustomizer {

    @Override
    public void customize(FluentConfiguration configuration) {
        configuration.getPluginRegister().getPlugin(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
    }
}

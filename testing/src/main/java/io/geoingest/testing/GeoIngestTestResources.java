package io.geoingest.testing;

import io.geoingest.common.http.MalformedUri;
import io.geoingest.testing.infra.DatabaseRole;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Points a service under test at real PostgreSQL, Kafka and S3 servers (see {@link TestInfrastructure})
 * and makes it trust {@link TestTokens}. The servers outlive one Quarkus start, so test classes
 * that restart the application reuse them.
 */
public class GeoIngestTestResources implements QuarkusTestResourceLifecycleManager {
    /** The resource argument naming the service's {@link DatabaseRole}. */
    public static final String DATABASE_ROLE = "database-role";

    private DatabaseRole databaseRole;

    @Override
    public void init(Map<String, String> initArgs) {
        databaseRole = DatabaseRole.valueOf(initArgs.get(DATABASE_ROLE));
    }

    @Override
    public Map<String, String> start() {
        // What ServiceMain does before a service starts; tests start the service without it.
        MalformedUri.takeOverTheCheck();
        TestInfrastructure infrastructure = TestInfrastructure.get();
        Map<String, String> config = new HashMap<>(infrastructure.quarkusConfig(databaseRole));
        config.putAll(TestTokens.quarkusConfig());
        return config;
    }

    @Override
    public void stop() {
        // the servers stop with the JVM: other test classes of this JVM still use them
    }
}

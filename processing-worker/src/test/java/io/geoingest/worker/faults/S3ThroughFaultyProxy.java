package io.geoingest.worker.faults;

import io.geoingest.testing.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points the worker under test at S3 through a {@link FaultyProxy}, so that tests can break its
 * storage reads. Ordered after {@code GeoIngestTestResources}, whose endpoint it replaces.
 */
public class S3ThroughFaultyProxy implements QuarkusTestResourceLifecycleManager {
    private static FaultyProxy proxy;

    /** The proxy between the worker and S3 in this test JVM. */
    public static synchronized FaultyProxy proxy() {
        if (proxy == null) {
            proxy = new FaultyProxy(TestInfrastructure.get().s3Endpoint());
        }
        return proxy;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.s3.endpoint-override", proxy().endpoint().toString());
    }

    @Override
    public void stop() {
        // the proxy lives as long as the JVM: later Quarkus starts in this JVM reuse it
    }

    @Override
    public int order() {
        return 1000;
    }
}

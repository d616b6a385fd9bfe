package io.geoingest.cli.e2e;

import io.geoingest.testing.suite.RunningSuite;
import io.geoingest.testing.suite.SharedPerTestRun;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * The whole suite with a {@link GatewayProxy} in front of its gateway and one in front of its
 * storage (the public endpoint of presigned URLs), started once for all the end-to-end classes
 * that run in one JVM and stopped when they are all done. Like a server started with a lower limit
 * than the client assumes, it takes at most {@link #DIRECT_MAX_SIZE} in one upload request. A class gets it as a parameter of its
 * {@code @BeforeAll} method with {@code @ExtendWith(SharedSuite.Extension.class)}.
 */
final class SharedSuite implements AutoCloseable {
    static final String DIRECT_MAX_SIZE = "2M";

    final RunningSuite suite;
    final String gatewayUrl;
    final String uploadKey;
    final String adminKey;
    final GatewayProxy proxy;
    final GatewayProxy storageProxy;

    private SharedSuite(RunningSuite suite, Properties localEnv, GatewayProxy proxy, GatewayProxy storageProxy) {
        this.suite = suite;
        this.gatewayUrl = localEnv.getProperty("GEOINGEST_URL");
        this.uploadKey = localEnv.getProperty("GEOINGEST_UPLOAD_KEY");
        this.adminKey = localEnv.getProperty("GEOINGEST_ADMIN_KEY");
        this.proxy = proxy;
        this.storageProxy = storageProxy;
    }

    private static SharedSuite start() {
        GatewayProxy storageProxy = null;
        try {
            // Listening before the suite's ports are drawn, so that none of them can be the proxy's.
            storageProxy = GatewayProxy.inFrontOfStorage();
            Map<String, String> environment = RunningSuite.freshEnvironment();
            storageProxy.forwardTo("http://127.0.0.1:" + environment.get("GEOINGEST_S3_PORT"));
            environment.put("GEOINGEST_S3_PUBLIC_URL", storageProxy.url());
            environment.put("GEOINGEST_UPLOAD_DIRECT_MAX_SIZE", DIRECT_MAX_SIZE);
            RunningSuite suite = RunningSuite.launch(environment);
            try {
                suite.awaitReady(Duration.ofMinutes(4));
                Properties localEnv = suite.localEnv();
                return new SharedSuite(suite, localEnv, new GatewayProxy(localEnv.getProperty("GEOINGEST_URL")),
                        storageProxy);
            } catch (Exception | Error e) {
                suite.close();
                throw e;
            }
        } catch (Exception | Error e) {
            if (storageProxy != null) {
                storageProxy.close();
            }
            throw new IllegalStateException("the suite did not start: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        proxy.close();
        suite.close();
        storageProxy.close();
    }

    /** Hands the one {@link SharedSuite} of this JVM to the methods that ask for it. */
    static final class Extension extends SharedPerTestRun<SharedSuite> {
        Extension() {
            super(SharedSuite.class);
        }

        @Override
        protected SharedSuite start() {
            return SharedSuite.start();
        }
    }
}

package io.geoingest.status.download;

import io.geoingest.testing.TestInfrastructure;
import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import java.net.URI;

/**
 * In this module's tests, storage as clients reach it is spelled differently from the internal
 * endpoint ({@code localhost} instead of {@code 127.0.0.1}): presigned URLs must be made for the
 * public one, and still work. (Registered as a service, so no test profile restarts Quarkus.)
 */
public class PublicEndpointSpelling implements ConfigSourceInterceptor {
    private static final String PUBLIC_ENDPOINT = "geoingest.storage.public-endpoint";
    private static final String INTERNAL_HOST = "//127.0.0.1:";
    private static final String PUBLIC_HOST = "//localhost:";

    /** The public endpoint the tests' presigned URLs must start with. */
    static URI publicEndpoint() {
        return URI.create(TestInfrastructure.get().s3Endpoint().toString().replace(INTERNAL_HOST, PUBLIC_HOST));
    }

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!PUBLIC_ENDPOINT.equals(name) || value == null || value.getValue() == null) {
            return value;
        }
        return value.withValue(value.getValue().replace(INTERNAL_HOST, PUBLIC_HOST));
    }
}

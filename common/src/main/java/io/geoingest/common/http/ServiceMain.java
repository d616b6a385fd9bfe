package io.geoingest.common.http;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * How every GeoIngest service starts: as Quarkus does, after handing the check of request URIs to
 * {@link MalformedUri}, which Quarkus must be told before its HTTP classes load.
 */
@QuarkusMain
public final class ServiceMain {
    private ServiceMain() {
    }

    public static void main(String... args) {
        MalformedUri.takeOverTheCheck();
        Quarkus.run(args);
    }
}

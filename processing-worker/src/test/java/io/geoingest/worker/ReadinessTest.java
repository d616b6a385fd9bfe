package io.geoingest.worker;

import io.geoingest.testing.GeoIngestTestResources;
import io.geoingest.testing.ReadinessContract;
import io.geoingest.worker.faults.S3ThroughFaultyProxy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = GeoIngestTestResources.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = GeoIngestTestResources.DATABASE_ROLE, value = "WORKER"))
@QuarkusTestResource(value = S3ThroughFaultyProxy.class, restrictToAnnotatedClass = false)
class ReadinessTest extends ReadinessContract {
}

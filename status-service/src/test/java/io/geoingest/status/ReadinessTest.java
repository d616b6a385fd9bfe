package io.geoingest.status;

import io.geoingest.testing.GeoIngestTestResources;
import io.geoingest.testing.ReadinessContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = GeoIngestTestResources.class, restrictToAnnotatedClass = false)
class ReadinessTest extends ReadinessContract {
}

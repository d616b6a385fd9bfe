package io.geoingest.status;

import io.geoingest.testing.GeoIngestTestResources;
import io.geoingest.testing.ReadinessContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = GeoIngestTestResources.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = GeoIngestTestResources.DATABASE_ROLE, value = "STATUS"))
class ReadinessTest extends ReadinessContract {
}

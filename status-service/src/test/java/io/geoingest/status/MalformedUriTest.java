package io.geoingest.status;

import io.geoingest.testing.MalformedUriContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class MalformedUriTest extends MalformedUriContract {
}

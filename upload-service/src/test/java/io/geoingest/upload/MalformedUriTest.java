package io.geoingest.upload;

import io.geoingest.testing.MalformedUriContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class MalformedUriTest extends MalformedUriContract {
}

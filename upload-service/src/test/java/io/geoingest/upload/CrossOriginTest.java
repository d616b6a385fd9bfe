package io.geoingest.upload;

import io.geoingest.testing.CrossOriginContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CrossOriginTest extends CrossOriginContract {

    @Override
    protected String protectedPath() {
        return "/public/file/upload";
    }

    @Override
    protected String protectedMethod() {
        return "POST";
    }
}

package io.geoingest.status;

import io.geoingest.testing.NativeReflectionContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class NativeReflectionTest extends NativeReflectionContract {

    @Override
    protected Class<?> nativeReflection() {
        return NativeReflection.class;
    }
}

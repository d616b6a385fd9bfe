package io.geoingest.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.geoingest.status.stac.StacApi;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The STAC resources' annotations are read at run time to answer 405 with the methods a path
 * takes; a native image keeps them only for classes registered for reflection, so a resource
 * left off the list would answer 404 there, and no JVM test would notice.
 */
@QuarkusTest
class NativeReflectionTest {

    @Inject
    BeanManager beans;

    @Test
    void everyStacResourceIsRegisteredForReflection() {
        List<Class<?>> stacResources = beans.getBeans(Object.class, Any.Literal.INSTANCE).stream()
                .map(Bean::getBeanClass)
                .filter(type -> type.getAnnotation(Path.class) != null
                        && type.getAnnotation(Path.class).value().startsWith(StacApi.BASE_PATH))
                .distinct()
                .sorted(Comparator.comparing(Class::getName))
                .toList();
        List<Class<?>> registered = Arrays.stream(NativeReflection.class.getAnnotation(RegisterForReflection.class).targets())
                .filter(stacResources::contains)
                .sorted(Comparator.comparing(Class::getName))
                .toList();

        assertFalse(stacResources.isEmpty(), "the STAC resources are beans");
        assertEquals(stacResources, registered);
    }
}

package io.geoingest.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.geoingest.common.http.ResourceRoutes;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The resources' annotations are read at run time to answer 405 with the methods a path takes
 * ({@link ResourceRoutes}); a native image keeps them only for classes registered for reflection,
 * so a resource left off its service's list would answer 404 there, and no JVM test would notice.
 * Each service's test extends this under {@code @QuarkusTest}.
 */
public abstract class NativeReflectionContract {

    @Inject
    BeanManager beans;

    /** The class whose {@link RegisterForReflection} lists the service's resources. */
    protected abstract Class<?> nativeReflection();

    @Test
    void everyResourceIsRegisteredForReflection() {
        List<Class<?>> resources = ResourceRoutes.resourceClasses(beans).stream()
                .sorted(Comparator.comparing(Class::getName))
                .toList();
        List<Class<?>> registered = Arrays.stream(nativeReflection().getAnnotation(RegisterForReflection.class).targets())
                .filter(resources::contains)
                .sorted(Comparator.comparing(Class::getName))
                .toList();

        assertFalse(resources.isEmpty(), "the resources are beans");
        assertEquals(resources, registered);
    }
}

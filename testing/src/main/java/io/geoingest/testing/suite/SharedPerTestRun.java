package io.geoingest.testing.suite;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a costly resource (a whole suite takes a minute to start and stop on two cores) once for
 * all the test classes of a JVM that ask for it, as a parameter of their {@code @BeforeAll} method,
 * and closes it after the last of them: JUnit closes what its root store holds when the run ends.
 */
public abstract class SharedPerTestRun<T extends AutoCloseable> implements ParameterResolver {
    private final Class<T> type;

    protected SharedPerTestRun(Class<T> type) {
        this.type = type;
    }

    protected abstract T start() throws Exception;

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == type;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(getClass()))
                .computeIfAbsent(type, key -> started(), type);
    }

    private T started() {
        try {
            return start();
        } catch (Exception e) {
            throw new IllegalStateException("the shared " + type.getSimpleName() + " did not start: " + e.getMessage(), e);
        }
    }
}

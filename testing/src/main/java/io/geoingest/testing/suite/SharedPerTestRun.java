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
        @SuppressWarnings("unchecked")
        Attempt<T> attempt = context.getRoot().getStore(ExtensionContext.Namespace.create(getClass()))
                .computeIfAbsent(type, key -> attempt(), Attempt.class);
        return attempt.resource();
    }

    private Attempt<T> attempt() {
        try {
            return new Attempt<>(start(), null);
        } catch (Exception e) {
            return new Attempt<>(null, new IllegalStateException(
                    "the shared " + type.getSimpleName() + " did not start: " + e.getMessage(), e));
        }
    }

    /**
     * The start, kept whether it worked or not: the next class fails at once with its cause
     * instead of starting it again for minutes. Closed by JUnit at the end of the run.
     */
    private record Attempt<T extends AutoCloseable>(T started, IllegalStateException failure) implements AutoCloseable {
        T resource() {
            if (failure != null) {
                throw failure;
            }
            return started;
        }

        @Override
        public void close() throws Exception {
            if (started != null) {
                started.close();
            }
        }
    }
}

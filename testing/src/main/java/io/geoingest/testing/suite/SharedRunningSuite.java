package io.geoingest.testing.suite;

/**
 * One {@link RunningSuite}, as a user starts it, shared by the end-to-end classes of a test JVM
 * that leave it as they found it ({@code @ExtendWith(SharedRunningSuite.class)} and a
 * {@code RunningSuite} parameter on the {@code @BeforeAll} method). A test that stops the suite, or
 * needs settings of its own, launches one of its own.
 */
public final class SharedRunningSuite extends SharedPerTestRun<RunningSuite> {
    public SharedRunningSuite() {
        super(RunningSuite.class);
    }

    @Override
    protected RunningSuite start() throws Exception {
        return RunningSuite.startReady();
    }
}

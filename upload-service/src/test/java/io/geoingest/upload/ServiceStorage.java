package io.geoingest.upload;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusMock;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The service's storage client, swapped for the rest of a test (or until {@link #restore}) for one
 * that fails an operation, or that lets something happen just before one.
 */
public final class ServiceStorage {

    private ServiceStorage() {
    }

    /** Every call of {@code operation} (an {@link S3Client} method name) fails, as when storage is down. */
    public static void failing(String operation) {
        intercept(operation, () -> {
            throw SdkClientException.create("storage unavailable");
        });
    }

    /**
     * The service stops at the first call of {@code operation}, as a kill would stop it: that call
     * throws an error no part of the service handles, so nothing it would do on a failure is done.
     */
    public static void stopsAt(String operation) {
        onceBefore(operation, () -> {
            throw new ServiceStopped(operation);
        });
    }

    /** {@code meanwhile} runs once, just before the first call of {@code operation} goes to storage. */
    public static void onceBefore(String operation, Runnable meanwhile) {
        AtomicBoolean ran = new AtomicBoolean();
        intercept(operation, () -> {
            if (ran.compareAndSet(false, true)) {
                meanwhile.run();
            }
        });
    }

    /** Storage works again. */
    public static void restore() {
        QuarkusMock.installMockForType(real(), S3Client.class);
    }

    private static void intercept(String operation, Runnable before) {
        S3Client intercepted = (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(),
                new Class<?>[] {S3Client.class}, new Intercepting(real(), operation, before));
        QuarkusMock.installMockForType(intercepted, S3Client.class);
    }

    /** The client the service was built with, whatever a test installed in its place. */
    private static S3Client real() {
        S3Client current = ClientProxy.unwrap(Arc.container().instance(S3Client.class).get());
        return Proxy.isProxyClass(current.getClass()) && Proxy.getInvocationHandler(current) instanceof Intercepting swapped
                ? swapped.real()
                : current;
    }

    private static final class ServiceStopped extends Error {
        ServiceStopped(String operation) {
            super("the service stopped at " + operation);
        }
    }

    private record Intercepting(S3Client real, String operation, Runnable before) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
            if (method.getName().equals(operation)) {
                before.run();
            }
            try {
                return method.invoke(real, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}

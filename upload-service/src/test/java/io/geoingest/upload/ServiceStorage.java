package io.geoingest.upload;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusMock;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;

/**
 * The service's storage client, swapped for the rest of a test (or until {@link #restore}) for one
 * that fails an operation, or that lets something happen just before one.
 */
public final class ServiceStorage {

    /** The calls on a multipart upload, by its id. */
    private static final Set<String> MULTIPART_UPLOAD_OPERATIONS = Set.of("uploadPart", "uploadPartCopy", "listParts",
            "listPartsPaginator", "completeMultipartUpload", "abortMultipartUpload");

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

    /**
     * Storage carries out the first call of {@code operation}, which then fails as one whose answer
     * was lost would (a timeout): the service cannot tell that it was done.
     */
    public static void answerLostOnce(String operation) {
        onceAfter(operation, () -> {
            throw SdkClientException.create("storage's answer was lost");
        });
    }

    /** Storage carries out the first call of {@code operation}, then the service stops, as at {@link #stopsAt}. */
    public static void stopsAfter(String operation) {
        onceAfter(operation, () -> {
            throw new ServiceStopped(operation);
        });
    }

    /**
     * Storage knows no multipart upload, as S3 knows none it completed: each use of one answers
     * NoSuchUpload. (S3Proxy still takes parts for an upload it completed, and completes it again.)
     */
    public static void knowsNoMultipartUploads() {
        install(new Intercepting(real(), MULTIPART_UPLOAD_OPERATIONS, () -> {
            throw (NoSuchUploadException) NoSuchUploadException.builder().statusCode(404)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("NoSuchUpload").build()).build();
        }, () -> {
        }));
    }

    private static void onceAfter(String operation, Runnable after) {
        AtomicBoolean ran = new AtomicBoolean();
        install(new Intercepting(real(), Set.of(operation), () -> {
        }, () -> {
            if (ran.compareAndSet(false, true)) {
                after.run();
            }
        }));
    }

    /** Storage works again. */
    public static void restore() {
        QuarkusMock.installMockForType(real(), S3Client.class);
    }

    private static void intercept(String operation, Runnable before) {
        install(new Intercepting(real(), Set.of(operation), before, () -> {
        }));
    }

    private static void install(Intercepting interception) {
        S3Client intercepted = (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(),
                new Class<?>[] {S3Client.class}, interception);
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

    /** {@code before} runs before each call of the {@code operations}, {@code after} after each that storage carried out. */
    private record Intercepting(S3Client real, Set<String> operations, Runnable before, Runnable after)
            implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
            boolean intercepted = operations.contains(method.getName());
            if (intercepted) {
                before.run();
            }
            Object answer;
            try {
                answer = method.invoke(real, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (intercepted) {
                after.run();
            }
            return answer;
        }
    }
}

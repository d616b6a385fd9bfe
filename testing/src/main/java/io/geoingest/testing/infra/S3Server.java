package io.geoingest.testing.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.shaded.org.eclipse.jetty.server.AbstractConnector;
import org.gaul.shaded.org.eclipse.jetty.server.Connector;
import org.gaul.shaded.org.eclipse.jetty.server.Server;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * A real S3-compatible server (S3Proxy) in this JVM with AWS SigV4 authentication, storing objects
 * as files under a directory.
 */
public final class S3Server implements AutoCloseable {
    public static final String REGION = "us-east-1";
    /** How long the server waits for the next bytes of a request's body unless told otherwise: Jetty's idle timeout, kept by S3Proxy. */
    public static final Duration DEFAULT_BODY_WAIT = Duration.ofSeconds(30);

    private final S3Proxy proxy;
    private final Path directory;
    private final String host;
    private final int port;
    private final String accessKey;
    private final String secretKey;
    private final boolean deleteOnClose;

    private S3Server(S3Proxy proxy, Path directory, String host, int port, String accessKey, String secretKey,
            boolean deleteOnClose) {
        this.proxy = proxy;
        this.directory = directory;
        this.host = host;
        this.port = port;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.deleteOnClose = deleteOnClose;
    }

    public static S3Server start(Path directory, int port, String accessKey, String secretKey, boolean deleteOnClose) {
        return start(directory, port, accessKey, secretKey, deleteOnClose, DEFAULT_BODY_WAIT);
    }

    /**
     * As {@link #start(Path, int, String, String, boolean)}, listening on {@code host} rather than
     * the loopback address only: for clients on other machines, which presigned URLs send here.
     */
    public static S3Server start(Path directory, String host, int port, String accessKey, String secretKey,
            boolean deleteOnClose) {
        return start(directory, host, port, accessKey, secretKey, deleteOnClose, DEFAULT_BODY_WAIT);
    }

    /**
     * As {@link #start(Path, int, String, String, boolean)}, with a server that waits at most
     * {@code bodyWait} for the next bytes of a request (or of a client reading an answer).
     */
    public static S3Server start(Path directory, int port, String accessKey, String secretKey, boolean deleteOnClose,
            Duration bodyWait) {
        return start(directory, "127.0.0.1", port, accessKey, secretKey, deleteOnClose, bodyWait);
    }

    private static S3Server start(Path directory, String host, int port, String accessKey, String secretKey,
            boolean deleteOnClose, Duration bodyWait) {
        int chosenPort = FreePorts.orFree(port);
        try {
            Files.createDirectories(directory);
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(new FilesystemNio2BlobStore(directory.toString()))
                    .endpoint(URI.create("http://" + literal(host) + ":" + chosenPort))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                    .ignoreUnknownHeaders(true)
                    .build();
            waitAtMost(proxy, bodyWait);
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start, state " + proxy.getState());
                }
                Thread.sleep(10);
            }
            return new S3Server(proxy, directory, host, chosenPort, accessKey, secretKey, deleteOnClose);
        } catch (IOException e) {
            throw new UncheckedIOException("S3Proxy could not be started", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting S3Proxy", e);
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy could not be started", e);
        }
    }

    /**
     * S3Proxy offers no setting for Jetty's idle timeout, so it is set on the connectors of its
     * server, which it keeps in a private field.
     */
    private static void waitAtMost(S3Proxy proxy, Duration bodyWait) throws ReflectiveOperationException {
        Field serverField = S3Proxy.class.getDeclaredField("server");
        serverField.setAccessible(true);
        for (Connector connector : ((Server) serverField.get(proxy)).getConnectors()) {
            if (connector instanceof AbstractConnector jettyConnector) {
                jettyConnector.setIdleTimeout(bodyWait.toMillis());
            }
        }
    }

    /** Where this machine reaches the server: the loopback address when it listens on every address. */
    public URI endpoint() {
        return URI.create("http://" + literal(reachable(host)) + ":" + port);
    }

    private static String reachable(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") ? "127.0.0.1" : host;
    }

    private static String literal(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    public int port() {
        return port;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** A plain SDK client for the server, for setting up buckets and looking at stored objects. */
    public S3Client client() {
        return client(endpoint(), accessKey, secretKey);
    }

    public static S3Client client(URI endpoint, String accessKey, String secretKey) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public static void ensureBucket(S3Client client, String bucket) {
        try {
            client.headBucket(request -> request.bucket(bucket));
        } catch (NoSuchBucketException missing) {
            try {
                client.createBucket(request -> request.bucket(bucket));
            } catch (BucketAlreadyOwnedByYouException raced) {
                // another process created it between our two calls
            }
        }
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        }
        if (deleteOnClose) {
            Directories.delete(directory);
        }
    }
}

package io.geoingest.common.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

class StorageHealthCheckTest {

    /**
     * Storage that takes connections and never answers (frozen, or a proxy whose backend is gone)
     * held the readiness answer for up to two minutes: the probe timed out instead of being told
     * that storage is DOWN.
     */
    @Test
    void storageThatDoesNotAnswerIsDownWithinSeconds() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                S3Client s3 = S3Client.builder()
                        .endpointOverride(URI.create("http://127.0.0.1:" + silent.getLocalPort()))
                        .region(Region.US_EAST_1)
                        .forcePathStyle(true)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
                        .httpClient(UrlConnectionHttpClient.create())
                        .build()) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            StorageHealthCheck check = new StorageHealthCheck();
            check.s3 = s3;
            check.config = new Bucket("geoingest");

            HealthCheckResponse response = assertTimeoutPreemptively(Duration.ofSeconds(10), check::call);

            assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
            assertEquals(Optional.of(Map.<String, Object>of("bucket", "geoingest", "error", "no answer within 3 s")),
                    response.getData());
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    private record Bucket(String bucket) implements StorageConfig {
        @Override
        public Optional<URI> publicEndpoint() {
            return Optional.empty();
        }

        @Override
        public boolean signPayloadOverHttp() {
            return false;
        }
    }
}

package io.geoingest.upload.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The signing side of the bodies we send to storage (that the storage accepts the signatures is
 * shown by every upload test, which runs against S3Proxy over plain HTTP).
 */
class UnsignedPayloadOverHttpTest {
    private static final String CONTENT_SHA256 = "x-amz-content-sha256";

    @Test
    void bodiesOverHttpAreNotHashedIntoTheSignatureAndStillGoOutOverHttp() {
        SignedRequest signed = new UnsignedPayloadOverHttp().sign(request("http://127.0.0.1:39000/bucket/key"));

        assertEquals("UNSIGNED-PAYLOAD", signed.request().firstMatchingHeader(CONTENT_SHA256).orElseThrow());
        assertEquals("http", signed.request().protocol());
        assertEquals("127.0.0.1:39000", signed.request().firstMatchingHeader("Host").orElseThrow());
    }

    @Test
    void theHostHeaderOfTheDefaultHttpPortNamesNoPort() {
        SignedRequest signed = new UnsignedPayloadOverHttp().sign(request("http://storage.example/bucket/key"));

        assertEquals("storage.example", signed.request().firstMatchingHeader("Host").orElseThrow());
    }

    @Test
    void theSdkAloneWouldHashTheBodyOverHttp() {
        SignedRequest signed = AwsV4HttpSigner.create().sign(request("http://127.0.0.1:39000/bucket/key"));

        String contentHash = signed.request().firstMatchingHeader(CONTENT_SHA256).orElseThrow();
        assertNotEquals("UNSIGNED-PAYLOAD", contentHash);
        assertTrue(contentHash.matches("[0-9a-f]{64}"), contentHash);
    }

    @Test
    void aPutOverHttpSendsTheBodyAsItIs() throws IOException {
        byte[] body = "some bytes of a scene".getBytes(StandardCharsets.UTF_8);

        Captured put = capturedPut(body, true);

        assertEquals(String.valueOf(body.length), put.headers().getFirst("Content-Length"));
        assertNull(put.headers().getFirst("Content-Encoding"));
        assertNull(put.headers().getFirst("x-amz-trailer"));
        assertEquals("UNSIGNED-PAYLOAD", put.headers().getFirst(CONTENT_SHA256));
        assertArrayEquals(body, put.body());
    }

    @Test
    void theSdkAloneWouldFrameTheBodyWithAChecksumTrailer() throws IOException {
        Captured put = capturedPut("some bytes".getBytes(StandardCharsets.UTF_8), false);

        assertEquals("x-amz-checksum-crc32", put.headers().getFirst("x-amz-trailer"));
    }

    /** What a PUT of {@code body} puts on the wire, with or without our plugin. */
    private static Captured capturedPut(byte[] body, boolean withPlugin) throws IOException {
        AtomicReference<Captured> captured = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            captured.set(new Captured(exchange.getRequestHeaders(), exchange.getRequestBody().readAllBytes()));
            exchange.getResponseHeaders().add("ETag", "\"etag\"");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.US_EAST_1).forcePathStyle(true).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "secret")))
                .build()) {
            s3.putObject(request -> request.bucket("bucket").key("key").overrideConfiguration(override -> {
                if (withPlugin) {
                    override.addPlugin(UnsignedPayloadOverHttp.PLUGIN);
                }
            }), RequestBody.fromBytes(body));
        } finally {
            server.stop(0);
        }
        return captured.get();
    }

    private record Captured(Headers headers, byte[] body) {
    }

    private static SignRequest<AwsCredentialsIdentity> request(String url) {
        SdkHttpRequest http = SdkHttpRequest.builder().method(SdkHttpMethod.PUT).uri(URI.create(url)).build();
        return SignRequest.builder(AwsCredentialsIdentity.create("access", "secret"))
                .request(http)
                .payload(ContentStreamProvider.fromByteArray("some bytes".getBytes(StandardCharsets.UTF_8)))
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .build();
    }
}

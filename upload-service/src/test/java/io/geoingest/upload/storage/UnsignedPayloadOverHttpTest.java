package io.geoingest.upload.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

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

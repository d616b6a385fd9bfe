package io.geoingest.upload.storage;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.SdkServiceClientConfiguration;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.scheme.AuthScheme;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.IdentityProviders;
import software.amazon.awssdk.services.s3.S3ServiceClientConfiguration;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Sends bodies to storage over plain HTTP as they are, as a client's own PUT would: headers signed,
 * body neither hashed into the signature nor framed with a CRC32 trailer. The SDK always puts a
 * SHA-256 of the body into the signature when the scheme is http, and the storage then hashes every
 * byte again to check it: on a local endpoint that was a sixth of an upload's CPU, on bytes that the
 * worker hashes anyway. The trailer makes the body aws-chunked, which S3Proxy decodes a chunk at a
 * time and CRCs again: half again its work for a 100 MB PUT. The URL scheme is no part of a SigV4
 * signature, so the request is signed as https and sent as http. Requests over HTTPS are signed
 * unchanged and keep their trailer.
 */
final class UnsignedPayloadOverHttp implements HttpSigner<AwsCredentialsIdentity> {
    /** A per-request plugin that puts this signer in place of SigV4's. */
    static final SdkPlugin PLUGIN = new Plugin();

    private static final AwsV4HttpSigner SIGV4 = AwsV4HttpSigner.create();

    @Override
    public SignedRequest sign(SignRequest<? extends AwsCredentialsIdentity> request) {
        SdkHttpRequest http = request.request();
        if ("https".equals(http.protocol())) {
            return SIGV4.sign(request);
        }
        // The host header of the http request, which the https form would give a different default port.
        String host = SdkHttpUtils.isUsingStandardPort(http.protocol(), http.port()) ? http.host()
                : http.host() + ":" + http.port();
        SignedRequest signed = SIGV4.sign(request.copy(asHttps -> asHttps
                .request(http.toBuilder().protocol("https").putHeader("Host", host).build())
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)));
        return signed.copy(sent -> sent.request(signed.request().toBuilder().protocol(http.protocol()).build()));
    }

    @Override
    public CompletableFuture<AsyncSignedRequest> signAsync(AsyncSignRequest<? extends AwsCredentialsIdentity> request) {
        return SIGV4.signAsync(request);
    }

    private static final class Plugin implements SdkPlugin {
        private static final UnsignedPayloadOverHttp SIGNER = new UnsignedPayloadOverHttp();

        @Override
        public void configureClient(SdkServiceClientConfiguration.Builder config) {
            URI endpoint = config.endpointOverride();
            if (config instanceof S3ServiceClientConfiguration.Builder s3 && endpoint != null
                    && "http".equalsIgnoreCase(endpoint.getScheme())) {
                s3.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
            }
            config.putAuthScheme(new AuthScheme<AwsCredentialsIdentity>() {
                @Override
                public String schemeId() {
                    return AwsV4AuthScheme.SCHEME_ID;
                }

                @Override
                public IdentityProvider<AwsCredentialsIdentity> identityProvider(IdentityProviders providers) {
                    return providers.identityProvider(AwsCredentialsIdentity.class);
                }

                @Override
                public HttpSigner<AwsCredentialsIdentity> signer() {
                    return SIGNER;
                }
            });
        }
    }
}

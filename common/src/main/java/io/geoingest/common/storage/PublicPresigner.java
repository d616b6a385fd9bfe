package io.geoingest.common.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Presigned URLs are used by clients, so they are signed for the storage endpoint as clients
 * reach it ({@code geoingest.storage.public-endpoint}), which may differ from the one the services
 * use inside the cluster; the signature covers the host, so it cannot be rewritten afterwards.
 */
@ApplicationScoped
public class PublicPresigner {
    /** The longest validity an AWS Signature Version 4 presigned URL can have. */
    private static final Duration LONGEST_VALIDITY = Duration.ofDays(7);

    /**
     * Refuses a validity the SDK will not sign. A service started with one answered 500 to every
     * request that signs a URL, so each service checks its validities when it starts.
     */
    public static void requireSignable(String property, Duration validity) {
        if (validity.compareTo(Duration.ofSeconds(1)) < 0 || validity.compareTo(LONGEST_VALIDITY) > 0) {
            throw new IllegalStateException(property + " must be between 1s and 7d, not " + validity);
        }
    }

    @Produces
    @ApplicationScoped
    @Named("public")
    S3Presigner publicPresigner(StorageConfig storage,
            @ConfigProperty(name = "quarkus.s3.endpoint-override") Optional<URI> internalEndpoint,
            @ConfigProperty(name = "quarkus.s3.aws.region") String region,
            @ConfigProperty(name = "quarkus.s3.aws.credentials.static-provider.access-key-id") Optional<String> accessKey,
            @ConfigProperty(name = "quarkus.s3.aws.credentials.static-provider.secret-access-key") Optional<String> secretKey) {
        S3Presigner.Builder builder = S3Presigner.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials(accessKey, secretKey))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
        storage.publicEndpoint().or(() -> internalEndpoint).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    void close(@Disposes @Named("public") S3Presigner presigner) {
        presigner.close();
    }

    private static AwsCredentialsProvider credentials(Optional<String> accessKey, Optional<String> secretKey) {
        if (accessKey.isPresent() && secretKey.isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey.get(), secretKey.get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}

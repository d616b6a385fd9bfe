package io.geoingest.upload;

import io.geoingest.testing.TestInfrastructure;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/** What the storage holds, looked at from outside the service. */
public final class StoredObjects {
    private static final S3Client S3 = TestInfrastructure.get().s3Client();

    private StoredObjects() {
    }

    public static byte[] read(String key) {
        return S3.getObjectAsBytes(request -> request.bucket(TestInfrastructure.BUCKET).key(key)).asByteArray();
    }

    /** The object's ETag: a multipart upload's ends in a dash and its number of parts. */
    public static String eTag(String key) {
        return S3.headObject(request -> request.bucket(TestInfrastructure.BUCKET).key(key)).eTag();
    }

    /** The Content-Encoding storage serves the object with, if any. */
    public static Optional<String> contentEncoding(String key) {
        return Optional.ofNullable(S3.headObject(request -> request.bucket(TestInfrastructure.BUCKET).key(key))
                .contentEncoding());
    }

    public static boolean exists(String key) {
        try {
            S3.headObject(request -> request.bucket(TestInfrastructure.BUCKET).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    public static List<String> keysUnder(String prefix) {
        return S3.listObjectsV2Paginator(request -> request.bucket(TestInfrastructure.BUCKET).prefix(prefix))
                .contents().stream().map(S3Object::key).toList();
    }

    public static List<String> multipartUploadsUnder(String prefix) {
        return S3.listMultipartUploads(request -> request.bucket(TestInfrastructure.BUCKET).prefix(prefix))
                .uploads().stream().map(MultipartUpload::key).toList();
    }
}

package io.geoingest.upload.storage;

import io.geoingest.common.storage.StorageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jboss.logging.Logger;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The storage operations uploads need, on the one bucket. Bodies always go out with a known
 * length from a file or a stream, so no upload is ever held in memory.
 */
@ApplicationScoped
public class UploadStorage {
    private static final Logger LOG = Logger.getLogger(UploadStorage.class);
    private static final int MAX_KEYS_PER_DELETE = 1000;
    private static final String OCTET_STREAM = "application/octet-stream";
    private static final SdkPlugin NO_RETRIES = config -> config.overrideConfiguration(
            config.overrideConfiguration().toBuilder().retryStrategy(AwsRetryStrategy.doNotRetry()).build());

    @Inject
    S3Client s3;

    @Inject
    StorageConfig config;

    public String bucket() {
        return config.bucket();
    }

    /** Stores a file as an object; returns its ETag. */
    public String put(String key, Path file) {
        return s3.putObject(request -> withBody(request.bucket(bucket()).key(key)), RequestBody.fromFile(file)).eTag();
    }

    /** Stores bytes that {@code content} gives, which the SDK may open more than once; returns the ETag. */
    public String put(String key, ContentStreamProvider content, long length) {
        return s3.putObject(request -> withBody(request.bucket(bucket()).key(key)),
                RequestBody.fromContentProvider(content, length, OCTET_STREAM)).eTag();
    }

    /**
     * Stores bytes that can be read once, as they arrive; returns the ETag. The SDK does not try
     * again after a failure: it could not send the bytes a second time.
     */
    public String putOnce(String key, InputStream content, long length) {
        return s3.putObject(request -> withBody(request.bucket(bucket()).key(key), NO_RETRIES),
                RequestBody.fromContentProvider(() -> content, length, OCTET_STREAM)).eTag();
    }

    /** Requests that carry a body are signed as over HTTPS unless payload signing is asked for. */
    private void withBody(AwsRequest.Builder request, SdkPlugin... plugins) {
        List<SdkPlugin> all = new ArrayList<>(List.of(plugins));
        if (!config.signPayloadOverHttp()) {
            all.add(UnsignedPayloadOverHttp.PLUGIN);
        }
        if (!all.isEmpty()) {
            request.overrideConfiguration(override -> all.forEach(override::addPlugin));
        }
    }

    public InputStream read(String key, Optional<String> eTag, ByteRange range) {
        return s3.getObject(request -> request.bucket(bucket()).key(key).range(range.header())
                .ifMatch(eTag.orElse(null)));
    }

    public String createMultipartUpload(String key) {
        return createMultipartUpload(key, Optional.empty());
    }

    /** Starts a multipart upload whose object will be served with {@code contentEncoding}, when given. */
    public String createMultipartUpload(String key, Optional<String> contentEncoding) {
        return s3.createMultipartUpload(request -> request.bucket(bucket()).key(key)
                .contentEncoding(contentEncoding.orElse(null))).uploadId();
    }

    public String uploadPart(String key, String uploadId, int partNumber, Path file) {
        return s3.uploadPart(request -> withBody(request.bucket(bucket()).key(key).uploadId(uploadId).partNumber(partNumber)),
                RequestBody.fromFile(file)).eTag();
    }

    /** Uploads a part whose bytes come from {@code content}, which the SDK may open more than once. */
    public String uploadPart(String key, String uploadId, int partNumber, ContentStreamProvider content, long length) {
        return s3.uploadPart(request -> withBody(request.bucket(bucket()).key(key).uploadId(uploadId).partNumber(partNumber)),
                RequestBody.fromContentProvider(content, length, OCTET_STREAM)).eTag();
    }

    /** Makes a part from (a range of) a stored object, inside the storage: no byte passes through us. */
    public String copyPart(String key, String uploadId, int partNumber, String sourceKey, Optional<String> sourceETag,
            Optional<ByteRange> range) {
        return s3.uploadPartCopy(request -> request
                        .sourceBucket(bucket()).sourceKey(sourceKey)
                        .copySourceIfMatch(sourceETag.orElse(null))
                        .copySourceRange(range.map(ByteRange::header).orElse(null))
                        .destinationBucket(bucket()).destinationKey(key)
                        .uploadId(uploadId).partNumber(partNumber))
                .copyPartResult().eTag();
    }

    /** Completes a multipart upload with the given parts, in part-number order; returns the object's ETag. */
    public String completeMultipartUpload(String key, String uploadId, List<CompletedPart> parts) {
        return s3.completeMultipartUpload(request -> request.bucket(bucket()).key(key).uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(parts))).eTag();
    }

    /**
     * Aborts a multipart upload; one that is already gone (aborted or completed) is no failure.
     * False when it was gone: S3 forgets an upload it completed, so the object at its key may be
     * the file it made.
     */
    public boolean abortMultipartUpload(String key, String uploadId) {
        try {
            s3.abortMultipartUpload(request -> request.bucket(bucket()).key(key).uploadId(uploadId));
            return true;
        } catch (NoSuchUploadException gone) {
            LOG.debugf("Multipart upload of %s was already gone", key);
            return false;
        }
    }

    /** Clean-up after a failure: a failure here is logged, never thrown over the first one. */
    public void abortMultipartUploadQuietly(String key, String uploadId) {
        try {
            abortMultipartUpload(key, uploadId);
        } catch (SdkException e) {
            LOG.warnf(e, "Could not abort the multipart upload of %s; storage keeps its parts", key);
        }
    }

    /** Deletes an object; one that is already gone is no failure (S3 says nothing, other stores NoSuchKey). */
    public void delete(String key) {
        try {
            s3.deleteObject(request -> request.bucket(bucket()).key(key));
        } catch (NoSuchKeyException gone) {
            LOG.debugf("%s was already gone", key);
        }
    }

    public void deleteQuietly(String key) {
        try {
            delete(key);
        } catch (SdkException e) {
            LOG.warnf(e, "Could not delete %s; storage keeps it", key);
        }
    }

    /** The multipart uploads in progress (neither completed nor aborted) whose key starts with {@code prefix}. */
    public Iterable<MultipartUpload> multipartUploadsUnder(String prefix) {
        return s3.listMultipartUploadsPaginator(request -> request.bucket(bucket()).prefix(prefix)).uploads();
    }

    /** Deletes every object whose key starts with {@code prefix}. */
    public void deleteAll(String prefix) {
        List<ObjectIdentifier> batch = new ArrayList<>();
        for (S3Object object : s3.listObjectsV2Paginator(request -> request.bucket(bucket()).prefix(prefix)).contents()) {
            batch.add(ObjectIdentifier.builder().key(object.key()).build());
            if (batch.size() == MAX_KEYS_PER_DELETE) {
                deleteBatch(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            deleteBatch(batch);
        }
    }

    public void deleteAllQuietly(String prefix) {
        try {
            deleteAll(prefix);
        } catch (SdkException e) {
            LOG.warnf(e, "Could not delete the objects under %s; storage keeps them", prefix);
        }
    }

    private void deleteBatch(List<ObjectIdentifier> keys) {
        List<ObjectIdentifier> copy = List.copyOf(keys);
        var response = s3.deleteObjects(request -> request.bucket(bucket()).delete(delete -> delete.objects(copy).quiet(true)));
        if (response.hasErrors() && !response.errors().isEmpty()) {
            throw SdkException.builder().message("storage did not delete " + response.errors().size() + " objects, first "
                    + response.errors().get(0).key() + ": " + response.errors().get(0).message()).build();
        }
    }

    /** Whether an object is stored under the key. */
    public boolean exists(String key) {
        try {
            s3.headObject(request -> request.bucket(bucket()).key(key));
            return true;
        } catch (NoSuchKeyException absent) {
            return false;
        }
    }

    /** The size of a stored object. */
    public long size(String key) {
        return s3.headObject(request -> request.bucket(bucket()).key(key)).contentLength();
    }

    /** The size of the object stored under the key, when there is one. */
    public OptionalLong storedSize(String key) {
        try {
            return OptionalLong.of(size(key));
        } catch (NoSuchKeyException absent) {
            return OptionalLong.empty();
        }
    }

    /** The ETag of every part a multipart upload holds, by part number. */
    /** Whether storage still has this multipart upload, neither completed nor aborted. */
    public boolean holdsMultipartUpload(String key, String uploadId) {
        try {
            listParts(key, uploadId, Optional.empty());
            return true;
        } catch (NoSuchUploadException gone) {
            return false;
        }
    }

    public Map<Integer, String> partETags(String key, String uploadId) {
        Map<Integer, String> eTags = new HashMap<>();
        Optional<Integer> marker = Optional.empty();
        ListPartsResponse page;
        do {
            page = listParts(key, uploadId, marker);
            page.parts().forEach(part -> eTags.put(part.partNumber(), part.eTag()));
            marker = Optional.ofNullable(page.nextPartNumberMarker());
        } while (Boolean.TRUE.equals(page.isTruncated()) && marker.isPresent());
        return eTags;
    }

    /** One page of the parts of a multipart upload: the first, or the one after {@code marker}. */
    public ListPartsResponse listParts(String key, String uploadId, Optional<Integer> marker) {
        return s3.listParts(request -> request.bucket(bucket()).key(key).uploadId(uploadId)
                .partNumberMarker(marker.orElse(null)));
    }
}

package io.geoingest.worker.processing;

import io.geoingest.common.file.SourceType;
import io.geoingest.worker.claim.Claim;
import io.geoingest.worker.format.SourceTypeRules;
import io.geoingest.worker.scan.ContentFacts;
import io.geoingest.worker.scan.ContentScanner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Reads a claimed file's object from storage once and decides whether it is the declared file.
 * Problems with the file itself come back as {@link Outcome.Failed}; storage faults are thrown, so
 * that the caller can try again.
 */
@ApplicationScoped
class ObjectInspector {

    @Inject
    S3Client s3;

    @Inject
    ContentScanner scanner;

    Outcome inspect(Claim claim, String bucket, Runnable progress) throws IOException {
        try (ResponseInputStream<GetObjectResponse> object = s3.getObject(request -> request.bucket(bucket).key(claim.objectKey()))) {
            // The length the storage announces settles a size problem before a byte is read.
            Long announcedSize = object.response().contentLength();
            Optional<String> announcedSizeProblem = Optional.ofNullable(announcedSize)
                    .flatMap(length -> ContentChecks.sizeProblem(claim.declaredSize(), length));
            if (announcedSizeProblem.isPresent()) {
                object.abort();
                return Outcome.Failed.onAnnouncedSize(announcedSizeProblem.get(), announcedSize);
            }
            ContentFacts facts;
            try {
                facts = scanner.scan(object, claim.originalName(), claim.sourceType(),
                        announcedSize == null ? OptionalLong.empty() : OptionalLong.of(announcedSize), progress,
                        (position, length) -> range(bucket, claim.objectKey(), position, length));
                if (announcedSize != null && facts.size() != announcedSize) {
                    // A connection cut mid-body can look like the end of the object: that is no verdict on the file.
                    throw new IOException("the storage connection ended after " + facts.size() + " of " + announcedSize
                            + " bytes");
                }
            } catch (IOException | RuntimeException e) {
                // Drop the connection instead of draining the rest of a possibly large body on close.
                object.abort();
                throw e;
            }
            Optional<String> problem = ContentChecks.firstProblem(claim, facts);
            if (problem.isPresent()) {
                return Outcome.Failed.after(problem.get(), facts);
            }
            return new Outcome.Completed(facts, sourceTypeOf(claim.sourceType(), facts));
        } catch (NoSuchKeyException e) {
            return Outcome.Failed.before(ContentChecks.MISSING);
        }
    }

    /** The declared source type, or for a file declared {@code UNKNOWN} the one its content suggests, if any. */
    static SourceType sourceTypeOf(SourceType declared, ContentFacts facts) {
        return declared == SourceType.UNKNOWN
                ? SourceTypeRules.infer(facts.format()).orElse(SourceType.UNKNOWN)
                : declared;
    }

    private byte[] range(String bucket, String key, long position, int length) throws IOException {
        try (ResponseInputStream<GetObjectResponse> part = s3.getObject(request -> request.bucket(bucket).key(key)
                .range("bytes=" + position + "-" + (position + length - 1)))) {
            return part.readAllBytes();
        }
    }
}

package io.geoingest.worker.processing;

import io.geoingest.worker.claim.Claim;
import io.geoingest.worker.scan.ContentFacts;
import io.geoingest.worker.scan.ContentScanner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Optional;
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
            Optional<String> announcedSizeProblem = Optional.ofNullable(object.response().contentLength())
                    .flatMap(length -> ContentChecks.sizeProblem(claim.declaredSize(), length));
            if (announcedSizeProblem.isPresent()) {
                object.abort();
                return Outcome.Failed.before(announcedSizeProblem.get());
            }
            ContentFacts facts;
            try {
                facts = scanner.scan(object, claim.originalName(), progress);
            } catch (IOException | RuntimeException e) {
                // Drop the connection instead of draining the rest of a possibly large body on close.
                object.abort();
                throw e;
            }
            Optional<String> problem = ContentChecks.sizeProblem(claim.declaredSize(), facts.size())
                    .or(() -> ContentChecks.checksumProblem(claim, facts.checksum()));
            return problem.<Outcome>map(reason -> Outcome.Failed.after(reason, facts))
                    .orElseGet(() -> new Outcome.Completed(facts));
        } catch (NoSuchKeyException e) {
            return Outcome.Failed.before(ContentChecks.MISSING);
        }
    }
}

package io.geoingest.worker.processing;

import io.geoingest.worker.claim.Claim;
import io.geoingest.worker.format.SourceTypeRules;
import io.geoingest.worker.scan.ContentFacts;
import java.util.Locale;
import java.util.Optional;

/** Whether the stored bytes are the file that was declared; each problem is worded for the uploader. */
final class ContentChecks {
    static final String MISSING = "stored object is missing";

    private ContentChecks() {
    }

    static Optional<String> sizeProblem(long declared, long stored) {
        if (stored == 0) {
            return Optional.of("file is empty");
        }
        if (stored != declared) {
            return Optional.of("size mismatch: declared " + declared + " bytes, stored " + stored + " bytes");
        }
        return Optional.empty();
    }

    /** Hex is compared without regard to case: {@code 1220AB…} and {@code 1220ab…} are the same checksum. */
    static Optional<String> checksumProblem(Claim claim, String actual) {
        return claim.expectedChecksum()
                .filter(expected -> !expected.toLowerCase(Locale.ROOT).equals(actual.toLowerCase(Locale.ROOT)))
                .map(expected -> "checksum mismatch: expected " + expected + " got " + actual);
    }

    /**
     * In order: the size, the checksum, the format's own verdict, then the declared source type,
     * which content of a kind not known (a GeoPackage over the spool limit, which may hold tiles or
     * features) cannot contradict.
     */
    static Optional<String> firstProblem(Claim claim, ContentFacts facts) {
        return sizeProblem(claim.declaredSize(), facts.size())
                .or(() -> checksumProblem(claim, facts.checksum()))
                .or(() -> facts.format().problem())
                .or(() -> facts.familyKnown()
                        ? SourceTypeRules.mismatch(claim.sourceType(), facts.format(), facts.mediaType())
                        : Optional.empty());
    }
}

package io.geoingest.worker.processing;

import io.geoingest.worker.scan.ContentFacts;
import java.util.Optional;

/** How processing a file ended: the file is what was declared, or it is not and the reason says why. */
public sealed interface Outcome {

    record Completed(ContentFacts facts) implements Outcome {
    }

    /** @param facts what the pass found, when the worker got that far */
    record Failed(String reason, Optional<ContentFacts> facts) implements Outcome {

        static Failed before(String reason) {
            return new Failed(reason, Optional.empty());
        }

        static Failed after(String reason, ContentFacts facts) {
            return new Failed(reason, Optional.of(facts));
        }
    }
}

package io.geoingest.worker.processing;

import io.geoingest.common.file.SourceType;
import io.geoingest.common.text.Storable;
import io.geoingest.worker.scan.ContentFacts;
import java.util.Optional;
import java.util.OptionalLong;

/** How processing a file ended: the file is what was declared, or it is not and the reason says why. */
public sealed interface Outcome {

    /** @param sourceType the declared source type, or the inferred one for a file declared UNKNOWN */
    record Completed(ContentFacts facts, SourceType sourceType) implements Outcome {
    }

    /**
     * @param facts          what the pass found, when the worker got that far
     * @param announcedSize  the size storage announced for the object, when the file failed on it
     *                       before the pass
     * @param transientFault the storage kept failing: no verdict on the file, its event goes to the
     *                       dead-letter topic as well
     */
    record Failed(String reason, Optional<ContentFacts> facts, OptionalLong announcedSize, boolean transientFault)
            implements Outcome {

        /** The reason quotes what the file says (names, values): it goes to the log and the status as one line. */
        public Failed {
            reason = Storable.printable(reason);
        }

        static Failed before(String reason) {
            return new Failed(reason, Optional.empty(), OptionalLong.empty(), false);
        }

        /** Failed on the size storage announced, before a byte was read. */
        static Failed onAnnouncedSize(String reason, long announcedSize) {
            return new Failed(reason, Optional.empty(), OptionalLong.of(announcedSize), false);
        }

        static Failed after(String reason, ContentFacts facts) {
            return new Failed(reason, Optional.of(facts), OptionalLong.empty(), false);
        }

        static Failed storageUnavailable(String reason) {
            return new Failed(reason, Optional.empty(), OptionalLong.empty(), true);
        }

        /**
         * The source type of the file, by the rule of a completed one's when the worker read it: the
         * processing time of a file declared UNKNOWN was measured under the type its content suggests
         * when it completed, but under UNKNOWN when it failed, so no source type had both outcomes.
         */
        SourceType sourceType(SourceType declared) {
            return facts.map(found -> ObjectInspector.sourceTypeOf(declared, found)).orElse(declared);
        }

        /** The size of the stored object, when the worker learnt it. */
        OptionalLong storedSize() {
            return facts.map(found -> OptionalLong.of(found.size())).orElse(announcedSize);
        }
    }
}

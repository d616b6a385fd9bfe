package io.geoingest.upload.chunked;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.upload.chunked.AssemblyPlan.CopiedPart;
import io.geoingest.upload.chunked.AssemblyPlan.DirectBytes;
import io.geoingest.upload.chunked.AssemblyPlan.OutputPart;
import io.geoingest.upload.chunked.AssemblyPlan.Piece;
import io.geoingest.upload.chunked.AssemblyPlan.StagedChunk;
import io.geoingest.upload.chunked.AssemblyPlan.StreamedPart;
import io.geoingest.upload.storage.ByteRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The rebuilt file is the uploaded file: for any mix of chunk sizes, the parts of the plan carry
 * the file's bytes in order, S3 accepts every part, and only small chunks (plus what they need to
 * reach the minimum part size) pass through the service.
 */
class AssemblyPlanTest {
    private static final long MIN = AssemblyPlan.MIN_PART_SIZE;

    @Test
    void aDirectPartAfterSmallChunksLendsThemWhatTheyLackAndIsCopiedForTheRest() {
        List<OutputPart> plan = AssemblyPlan.rebuild(parts(MIN + 100, 1000, 2 * MIN, 500));

        assertEquals(4, plan.size());
        assertEquals(new CopiedPart(new ByteRange(0, MIN + 100)), plan.get(0));
        assertEquals(MIN, ((StreamedPart) plan.get(1)).length());
        assertEquals(new CopiedPart(new ByteRange(MIN + 100 + MIN - 1000, MIN + 1000)), plan.get(2));
        assertEquals(500, ((StreamedPart) plan.get(3)).length());
        assertRebuildsTheFile(parts(MIN + 100, 1000, 2 * MIN, 500));
    }

    @Test
    void aDirectPartTooSmallToLendIsStreamedWithTheSmallChunks() {
        List<OutputPart> plan = AssemblyPlan.rebuild(parts(1000, MIN + 1, 10));

        assertEquals(2, plan.size());
        assertEquals(MIN + 1001, ((StreamedPart) plan.get(0)).length());
        assertRebuildsTheFile(parts(1000, MIN + 1, 10));
    }

    @Test
    void anyMixOfChunkSizesRebuildsTheFile() {
        Random random = new Random(20240917);
        for (int layout = 0; layout < 2000; layout++) {
            int count = 1 + random.nextInt(25);
            long[] sizes = new long[count];
            for (int i = 0; i < count; i++) {
                sizes[i] = random.nextBoolean() ? MIN + random.nextInt((int) (2 * MIN)) : 1 + random.nextInt((int) MIN - 1);
            }
            assertRebuildsTheFile(parts(sizes));
        }
    }

    @Test
    void partsSentDirectUntilTheLastCompleteInPlace() {
        assertTrue(AssemblyPlan.completesInPlace(parts(MIN, MIN + 1, 10)));
        assertTrue(AssemblyPlan.completesInPlace(parts(10)));
        assertFalse(AssemblyPlan.completesInPlace(parts(MIN, 10, MIN)));
    }

    /** Direct parts have at least the minimum size (that is what makes them direct), staged ones less. */
    private static List<StoredPart> parts(long... sizes) {
        List<StoredPart> parts = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            Optional<String> stagedKey = sizes[i] < MIN ? Optional.of("staging/upload/" + (i + 1)) : Optional.empty();
            parts.add(new StoredPart(i + 1, sizes[i], "etag-" + (i + 1), stagedKey));
        }
        return parts;
    }

    private static void assertRebuildsTheFile(List<StoredPart> parts) {
        List<OutputPart> plan = AssemblyPlan.rebuild(parts);
        List<long[]> fileRanges = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            OutputPart part = plan.get(i);
            long length;
            if (part instanceof CopiedPart copied) {
                fileRanges.add(inFile(parts, copied.range()));
                length = copied.range().length();
            } else {
                StreamedPart streamed = (StreamedPart) part;
                for (Piece piece : streamed.pieces()) {
                    fileRanges.add(piece instanceof DirectBytes direct
                            ? inFile(parts, direct.range())
                            : inFile(parts, ((StagedChunk) piece).part()));
                }
                length = streamed.length();
                assertTrue(length < 3 * MIN, "a streamed part of " + length + " bytes in " + parts);
            }
            assertTrue(i == plan.size() - 1 || length >= MIN, "part " + (i + 1) + " has " + length + " bytes in " + parts);
        }
        long next = 0;
        for (long[] range : fileRanges) {
            assertEquals(next, range[0], "bytes out of order in " + parts);
            next = range[1];
        }
        assertEquals(parts.stream().mapToLong(StoredPart::size).sum(), next, "the whole file in " + parts);
        assertTrue(plan.size() <= parts.size(), "no more parts than were sent in " + parts);
    }

    /** Where a range of the object holding the direct parts lies in the file: [start, end). */
    private static long[] inFile(List<StoredPart> parts, ByteRange directRange) {
        long fileOffset = 0;
        long directOffset = 0;
        for (StoredPart part : parts) {
            if (!part.staged() && directRange.start() >= directOffset && directRange.start() < directOffset + part.size()) {
                assertTrue(directRange.end() <= directOffset + part.size(), "a range across direct parts in " + parts);
                long start = fileOffset + directRange.start() - directOffset;
                return new long[] {start, start + directRange.length()};
            }
            fileOffset += part.size();
            directOffset += part.staged() ? 0 : part.size();
        }
        throw new AssertionError("range " + directRange + " outside the direct parts of " + parts);
    }

    private static long[] inFile(List<StoredPart> parts, StoredPart staged) {
        long fileOffset = 0;
        for (StoredPart part : parts) {
            if (part.partNumber() == staged.partNumber()) {
                return new long[] {fileOffset, fileOffset + part.size()};
            }
            fileOffset += part.size();
        }
        throw new AssertionError("part " + staged.partNumber() + " is not in " + parts);
    }
}

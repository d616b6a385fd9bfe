package io.geoingest.cli.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.geoingest.cli.ByteSize;
import io.geoingest.cli.upload.PartPlan.Part;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartPlanTest {
    private static final long MIB = ByteSize.MIB;

    @Test
    void partsCoverTheFileInOrderAndOnlyTheLastIsShorter() {
        PartPlan plan = PartPlan.of(12 * MIB + 7, 5 * MIB);

        assertEquals(List.of(
                new Part(1, 0, 5 * MIB),
                new Part(2, 5 * MIB, 5 * MIB),
                new Part(3, 10 * MIB, 2 * MIB + 7)), plan.parts());
        assertEquals(5 * MIB, plan.chunkSize());
    }

    @Test
    void aFileOfExactlyNChunksHasNoEmptyLastPart() {
        PartPlan plan = PartPlan.of(10 * MIB, 5 * MIB);

        assertEquals(2, plan.parts().size());
        assertEquals(5 * MIB, plan.parts().get(1).length());
    }

    @Test
    void aFileSmallerThanAChunkIsOnePart() {
        assertEquals(List.of(new Part(1, 0, 1000)), PartPlan.of(1000, 64 * MIB).parts());
    }

    @Test
    void theChunkSizeGrowsRatherThanExceedTheLimitOfParts() {
        long fileSize = 20_000 * MIB + 1;
        PartPlan plan = PartPlan.of(fileSize, MIB);

        assertEquals(PartPlan.MAX_PARTS, plan.parts().size());
        assertEquals(fileSize, PartPlan.bytes(plan.parts()));
        assertEquals(plan.chunkSize(), plan.parts().get(0).length());
    }

    @Test
    void missingPartsAreThoseTheServerLacksOrHasWithAnotherSize() {
        PartPlan plan = PartPlan.of(12 * MIB, 5 * MIB);

        List<Part> missing = plan.missing(Map.of(1, 5 * MIB, 3, MIB));

        assertEquals(List.of(2, 3), missing.stream().map(Part::number).toList());
        assertEquals(7 * MIB, PartPlan.bytes(missing));
        assertEquals(List.of(), plan.missing(Map.of(1, 5 * MIB, 2, 5 * MIB, 3, 2 * MIB)));
    }

    @Test
    void emptyFilesAndEmptyChunksHaveNoPlan() {
        assertThrows(IllegalArgumentException.class, () -> PartPlan.of(0, MIB));
        assertThrows(IllegalArgumentException.class, () -> PartPlan.of(MIB, 0));
    }
}

package io.geoingest.cli.stac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.cli.ByteSize;
import io.geoingest.cli.upload.PartPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

class AssetPartPlanTest {
    private static final long MIB = ByteSize.MIB;

    @Test
    void aFileIsCutIntoPartsOfThePartSizeAndAShorterLastOne() {
        PartPlan plan = AssetPartPlan.of(12 * MIB, 5 * MIB);

        assertEquals(List.of(new PartPlan.Part(1, 0, 5 * MIB), new PartPlan.Part(2, 5 * MIB, 5 * MIB),
                new PartPlan.Part(3, 10 * MIB, 2 * MIB)), plan.parts());
    }

    @Test
    void aSmallFileIsOnePartEvenBelowTheMinimumPartSize() {
        PartPlan plan = AssetPartPlan.of(1000, 64 * MIB);

        assertEquals(List.of(new PartPlan.Part(1, 0, 1000)), plan.parts());
    }

    @Test
    void partsOutsideStoragesLimitsAreRefused() {
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> AssetPartPlan.of(100 * MIB, 4 * MIB));
        assertEquals("the part size must be between 5.0 MiB and 5.0 GiB, got 4.0 MiB", small.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AssetPartPlan.of(100 * MIB, 6 * ByteSize.GIB));
    }

    @Test
    void thePartSizeGrowsSoThatNoUploadHasMoreThan10000Parts() {
        long size = 100_000 * MIB;
        PartPlan plan = AssetPartPlan.of(size, 5 * MIB);

        assertEquals(PartPlan.MAX_PARTS, plan.parts().size());
        assertEquals(10 * MIB, plan.chunkSize());
        assertEquals(size, PartPlan.bytes(plan.parts()));
    }

    @Test
    void aFileBeyond10000PartsOf5GiBCannotBeUploaded() {
        IllegalArgumentException tooLarge = assertThrows(IllegalArgumentException.class,
                () -> AssetPartPlan.of(10_001 * 5 * ByteSize.GIB, 5 * ByteSize.GIB));
        assertTrue(tooLarge.getMessage().contains("is larger than 10000 parts of 5.0 GiB"), tooLarge.getMessage());
    }
}

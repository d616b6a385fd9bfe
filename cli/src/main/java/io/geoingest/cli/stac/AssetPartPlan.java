package io.geoingest.cli.stac;

import io.geoingest.cli.ByteSize;
import io.geoingest.cli.upload.PartPlan;

/**
 * How a file is cut for a STAC asset upload, within the limits of the upload guide (those of S3
 * multipart uploads): at most {@link PartPlan#MAX_PARTS} parts of at least 5 MiB (all but the
 * last) and at most 5 GiB. The part size grows when the file would need more parts.
 */
public final class AssetPartPlan {
    public static final long MIN_PART_SIZE = 5 * ByteSize.MIB;
    public static final long MAX_PART_SIZE = 5 * ByteSize.GIB;

    private AssetPartPlan() {
    }

    /** @throws IllegalArgumentException when {@code partSize} is out of the limits or the file too large */
    public static PartPlan of(long fileSize, long partSize) {
        if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
            throw new IllegalArgumentException("the part size must be between " + ByteSize.format(MIN_PART_SIZE)
                    + " and " + ByteSize.format(MAX_PART_SIZE) + ", got " + ByteSize.format(partSize));
        }
        PartPlan plan = PartPlan.of(fileSize, partSize);
        if (plan.chunkSize() > MAX_PART_SIZE) {
            throw new IllegalArgumentException("a file of " + ByteSize.format(fileSize) + " is larger than "
                    + PartPlan.MAX_PARTS + " parts of " + ByteSize.format(MAX_PART_SIZE));
        }
        return plan;
    }
}

package io.geoingest.cli.upload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a file is cut into the parts of a chunked upload: numbered from 1, each {@code chunkSize}
 * bytes but the last. The chunk size grows when the file would need more parts than an upload may
 * have.
 */
public record PartPlan(long fileSize, long chunkSize, List<Part> parts) {
    /** The most parts one upload may have (as in S3). */
    public static final int MAX_PARTS = 10_000;

    public record Part(int number, long offset, long length) {
    }

    public PartPlan {
        parts = List.copyOf(parts);
    }

    public static PartPlan of(long fileSize, long requestedChunkSize) {
        if (fileSize < 1) {
            throw new IllegalArgumentException("an empty file has no parts");
        }
        if (requestedChunkSize < 1) {
            throw new IllegalArgumentException("the chunk size must be at least one byte");
        }
        long chunkSize = Math.max(requestedChunkSize, (fileSize + MAX_PARTS - 1) / MAX_PARTS);
        List<Part> parts = new ArrayList<>();
        for (long offset = 0; offset < fileSize; offset += chunkSize) {
            parts.add(new Part(parts.size() + 1, offset, Math.min(chunkSize, fileSize - offset)));
        }
        return new PartPlan(fileSize, chunkSize, parts);
    }

    /**
     * The parts still to send, given the sizes of the parts the server has: those it lacks, and
     * those it has with another size (cut short, or cut by another plan).
     */
    public List<Part> missing(Map<Integer, Long> storedSizes) {
        return parts.stream().filter(part -> storedSizes.getOrDefault(part.number(), -1L) != part.length()).toList();
    }

    public static long bytes(List<Part> parts) {
        return parts.stream().mapToLong(Part::length).sum();
    }
}

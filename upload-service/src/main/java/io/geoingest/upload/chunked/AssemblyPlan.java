package io.geoingest.upload.chunked;

import io.geoingest.upload.storage.ByteRange;
import java.util.ArrayList;
import java.util.List;

/**
 * How the received parts become one object. S3 completes a multipart upload only when every part
 * but the last has at least {@link #MIN_PART_SIZE} bytes, so:
 * <ul>
 * <li>when every part but the last went straight into the multipart upload, that upload is simply
 * completed ({@link #completesInPlace});</li>
 * <li>otherwise the direct parts are completed into one object and the file is written anew by
 * {@link #rebuild}: runs of that object are copied inside the storage, and only the small chunks,
 * with the few bytes around them needed to reach the minimum part size, pass through this service.</li>
 * </ul>
 */
public final class AssemblyPlan {
    /** The smallest part S3 accepts, except for the last part of an upload. */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;

    private AssemblyPlan() {
    }

    /** Bytes of the rebuilt file: a range of the object that holds the direct parts, or a staged chunk. */
    public sealed interface Piece permits DirectBytes, StagedChunk {
        long length();
    }

    public record DirectBytes(ByteRange range) implements Piece {
        @Override
        public long length() {
            return range.length();
        }
    }

    public record StagedChunk(StoredPart part) implements Piece {
        @Override
        public long length() {
            return part.size();
        }
    }

    /** A part of the rebuilt file. */
    public sealed interface OutputPart permits CopiedPart, StreamedPart {
    }

    /** Copied inside the storage from the object that holds the direct parts. */
    public record CopiedPart(ByteRange range) implements OutputPart {
    }

    /** Read piece by piece and uploaded; never more than about three times the minimum part size. */
    public record StreamedPart(List<Piece> pieces) implements OutputPart {
        public long length() {
            return pieces.stream().mapToLong(Piece::length).sum();
        }
    }

    public static boolean completesInPlace(List<StoredPart> parts) {
        return parts.subList(0, parts.size() - 1).stream().noneMatch(StoredPart::staged);
    }

    /**
     * The parts of the rebuilt file, in order. Small chunks are gathered until they reach the
     * minimum part size; a direct part that comes while some are gathered lends them just the
     * bytes they lack, and the rest of it is copied when it still makes a part of its own.
     */
    public static List<OutputPart> rebuild(List<StoredPart> parts) {
        List<OutputPart> output = new ArrayList<>();
        List<Piece> gathered = new ArrayList<>();
        long gatheredSize = 0;
        long directOffset = 0;
        for (StoredPart part : parts) {
            if (part.staged()) {
                gathered.add(new StagedChunk(part));
                gatheredSize += part.size();
            } else {
                ByteRange range = new ByteRange(directOffset, part.size());
                directOffset += part.size();
                long lacking = MIN_PART_SIZE - gatheredSize;
                if (gathered.isEmpty()) {
                    output.add(new CopiedPart(range));
                } else if (range.length() - lacking >= MIN_PART_SIZE) {
                    gathered.add(new DirectBytes(new ByteRange(range.start(), lacking)));
                    output.add(new StreamedPart(List.copyOf(gathered)));
                    gathered.clear();
                    gatheredSize = 0;
                    output.add(new CopiedPart(new ByteRange(range.start() + lacking, range.length() - lacking)));
                } else {
                    gathered.add(new DirectBytes(range));
                    gatheredSize += range.length();
                }
            }
            if (gatheredSize >= MIN_PART_SIZE) {
                output.add(new StreamedPart(List.copyOf(gathered)));
                gathered.clear();
                gatheredSize = 0;
            }
        }
        if (!gathered.isEmpty()) {
            output.add(new StreamedPart(List.copyOf(gathered)));
        }
        return output;
    }
}

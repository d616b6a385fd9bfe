package io.geoingest.worker.format;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The content of a 3D Tiles tile, known by the 12-byte header every such format starts with: four
 * letters naming it, then the format's version and the whole tile's length in bytes, little-endian.
 * A tile whose stored length is not the one it declares was cut off, or has bytes after its end.
 */
final class TileContent {
    private static final int HEADER_LENGTH = 12;
    private static final Map<String, Format> FORMATS = Map.of(
            "b3dm", Format.TILE_3D,
            "i3dm", Format.TILE_3D,
            "pnts", Format.TILE_3D,
            "cmpt", Format.TILE_3D,
            "glTF", Format.GLTF_BINARY);

    private TileContent() {
    }

    /** The format whose header the head starts with, if any. */
    static Optional<Format> bySignature(byte[] head) {
        return head.length < HEADER_LENGTH ? Optional.empty()
                : Optional.ofNullable(FORMATS.get(new String(head, 0, 4, StandardCharsets.US_ASCII)));
    }

    /**
     * The header's figures, the declared length checked against the stored object's.
     *
     * @param head   the file's first bytes, which start with a header of {@code format}
     * @param stored the stored object's length, known once the pass is over
     */
    static FormatReport read(byte[] head, long stored, Format format) {
        ByteBuffer header = ByteBuffer.wrap(head, 0, HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        String magic = new String(head, 0, 4, StandardCharsets.US_ASCII);
        long version = Integer.toUnsignedLong(header.getInt(4));
        long declared = Integer.toUnsignedLong(header.getInt(8));
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.put("tileFormat", magic).put("version", version).put("byteLength", declared);
        if (declared != stored) {
            return new FormatReport(format, details, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of("the " + magic + " tile declares " + declared + " bytes but " + stored
                            + " were stored: it was cut off or has bytes after its end; upload the complete file"));
        }
        return FormatReport.recognised(format).withDetails(details);
    }
}

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

    /** @return the format and its header's figures, when the head starts as one of these formats does */
    static Optional<FormatReport> bySignature(byte[] head) {
        if (head.length < HEADER_LENGTH) {
            return Optional.empty();
        }
        String magic = new String(head, 0, 4, StandardCharsets.US_ASCII);
        Format format = FORMATS.get(magic);
        if (format == null) {
            return Optional.empty();
        }
        ByteBuffer header = ByteBuffer.wrap(head, 4, 8).order(ByteOrder.LITTLE_ENDIAN);
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.put("tileFormat", magic);
        details.put("version", Integer.toUnsignedLong(header.getInt()));
        details.put("byteLength", Integer.toUnsignedLong(header.getInt()));
        return Optional.of(FormatReport.recognised(format).withDetails(details));
    }
}

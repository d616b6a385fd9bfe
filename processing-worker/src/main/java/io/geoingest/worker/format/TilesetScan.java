package io.geoingest.worker.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;

/**
 * A 3D Tiles tileset ({@code tileset.json}, OGC 3D Tiles 1.0 and 1.1) read as the JSON streams by:
 * its asset (specification version, the tileset's own version, the tool that wrote it), its
 * geometric error, and its tree of tiles, counted (tiles, contents, depth) and not kept, or the
 * scheme of its implicit tiling (3D Tiles 1.1), whose tiles only its subtree files list; of the
 * root tile, its refinement and where its bounding volume lies ({@link TilesetVolume}). A tileset
 * is an object with an {@code asset} that names a version and a {@code root} tile.
 */
final class TilesetScan {
    /** Reads the small value the parser is at (a bounding volume, a transform, the asset) whole. */
    @FunctionalInterface
    interface SmallValues {
        JsonNode read(JsonParser parser, String member) throws IOException, UnreadableFileException;
    }

    static final String INVALID = "invalid 3D Tiles tileset";

    private final SmallValues smallValues;
    private Optional<JsonNode> asset = Optional.empty();
    private Optional<JsonNode> geometricError = Optional.empty();
    private boolean hasRoot;
    private Optional<JsonNode> rootVolume = Optional.empty();
    private Optional<JsonNode> rootTransform = Optional.empty();
    private Optional<String> refine = Optional.empty();
    private long tiles;
    private long contents;
    private int depth;
    /** The first implicit tiling met (3D Tiles 1.1): its tiles are listed in subtree files, not here. */
    private Optional<JsonNode> implicitTiling = Optional.empty();

    TilesetScan(SmallValues smallValues) {
        this.smallValues = smallValues;
    }

    /**
     * Reads a member of the document's top-level object, the parser at its value.
     *
     * @return whether it was one of a tileset's members, and so read; otherwise the parser has not moved
     */
    boolean member(String name, JsonParser parser) throws IOException, UnreadableFileException {
        switch (name) {
            case "asset" -> asset = Optional.of(smallValues.read(parser, name));
            case "geometricError" -> geometricError = Optional.of(smallValues.read(parser, name)).filter(JsonNode::isNumber);
            case "root" -> {
                if (parser.currentToken() != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    return true;
                }
                hasRoot = true;
                tile(parser, 1);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    boolean isTileset() {
        return hasRoot && asset.map(found -> found.path("version").isTextual()).orElse(false);
    }

    /** The tile the parser is at the start of, and its children; {@code level} 1 is the root. */
    private void tile(JsonParser parser, int level) throws IOException, UnreadableFileException {
        tiles++;
        depth = Math.max(depth, level);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            boolean root = level == 1;
            switch (field) {
                case "boundingVolume" -> read(parser, root, field).ifPresent(volume -> rootVolume = Optional.of(volume));
                case "transform" -> read(parser, root, field).ifPresent(matrix -> rootTransform = Optional.of(matrix));
                case "refine" -> {
                    if (root && value == JsonToken.VALUE_STRING) {
                        refine = Optional.of(parser.getText());
                    }
                }
                case "implicitTiling" -> {
                    JsonNode tiling = smallValues.read(parser, field);
                    if (implicitTiling.isEmpty() && tiling.isObject()) {
                        implicitTiling = Optional.of(tiling);
                    }
                }
                case "content" -> {
                    contents++;
                    parser.skipChildren();
                }
                case "contents" -> {
                    if (value == JsonToken.START_ARRAY) {
                        while (parser.nextToken() != JsonToken.END_ARRAY) {
                            contents++;
                            parser.skipChildren();
                        }
                    } else {
                        parser.skipChildren();
                    }
                }
                case "children" -> {
                    if (value != JsonToken.START_ARRAY) {
                        throw new UnreadableFileException(INVALID + ": the children of a tile must be an array"
                                + JsonDocumentReader.at(parser.currentTokenLocation()));
                    }
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        if (parser.currentToken() != JsonToken.START_OBJECT) {
                            throw new UnreadableFileException(INVALID + ": a tile must be an object"
                                    + JsonDocumentReader.at(parser.currentTokenLocation()));
                        }
                        tile(parser, level + 1);
                    }
                }
                default -> parser.skipChildren();
            }
        }
    }

    private Optional<JsonNode> read(JsonParser parser, boolean root, String member)
            throws IOException, UnreadableFileException {
        if (!root) {
            parser.skipChildren();
            return Optional.empty();
        }
        return Optional.of(smallValues.read(parser, member));
    }

    FormatReport report() {
        JsonNode found = asset.orElseThrow();
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.set("specVersion", found.get("version"));
        copyText(found, "tilesetVersion", details);
        copyText(found, "generator", details);
        geometricError.ifPresent(error -> details.set("geometricError", error));
        implicitTiling.ifPresentOrElse(tiling -> {
            // the tiles' counts are in subtree files, which are not read: those of the tiles listed here would mislead
            ObjectNode scheme = details.putObject("implicitTiling");
            copyText(tiling, "subdivisionScheme", scheme);
            if (tiling.path("availableLevels").canConvertToInt()) {
                scheme.put("availableLevels", tiling.path("availableLevels").asInt());
            }
        }, () -> details.put("tiles", tiles).put("contents", contents).put("depth", depth));
        refine.ifPresent(way -> details.put("refine", way));
        Optional<TilesetVolume> volume = rootVolume.flatMap(given -> TilesetVolume.of(given, rootTransform));
        volume.ifPresent(placed -> {
            details.put("boundingVolume", placed.kind());
            placed.heights().ifPresent(heights -> details.put("minHeight", heights[0]).put("maxHeight", heights[1]));
        });
        details.put("georeferenced", volume.isPresent());
        return new FormatReport(Format.TILESET_3D, details, volume.map(TilesetVolume::bounds),
                volume.flatMap(TilesetVolume::footprint).map(Footprint::outline), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    private static void copyText(JsonNode from, String field, ObjectNode to) {
        if (from.path(field).isTextual()) {
            to.set(field, from.get(field));
        }
    }
}

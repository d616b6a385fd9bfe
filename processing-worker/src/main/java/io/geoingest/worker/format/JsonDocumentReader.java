package io.geoingest.worker.format;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON documents read as a stream (Jackson's streaming parser), so memory stays bounded by the
 * largest single feature or packet, not the file: GeoJSON (an object), a 3D Tiles tileset (an
 * object, see {@link TilesetScan}) or CZML (an array whose first packet is the document packet).
 * Well-formed JSON that is none of these is reported as plain JSON.
 */
final class JsonDocumentReader {
    private static final String FEATURE_COLLECTION = "FeatureCollection";
    /** The "type" a GeoJSON text sequence is described with: it has none of its own. */
    private static final String SEQUENCE = "FeatureSequence";
    /** Where Jackson says an unclosed array or object began: {@code (start marker at [Source: ...; line: 5, column: 96])}. */
    private static final Pattern OPENED_AT = Pattern.compile("\\(start marker at \\[.*?line: (\\d+), column: (\\d+)\\]\\)");
    private static final Set<String> GEOMETRY_TYPES = Set.of("Point", "MultiPoint", "LineString", "MultiLineString",
            "Polygon", "MultiPolygon", "GeometryCollection");

    /**
     * The most tokens a member read whole may have (a legacy "crs", a CZML packet's clock): they are
     * small objects, and a tree of one holding a 200 MB array took the worker's whole heap.
     */
    static final int MAX_MEMBER_TOKENS = 10_000;

    private final ObjectMapper json;
    /** Reads one value inside the document: what follows it is the rest of the document, not trailing tokens. */
    private final ObjectReader innerValues;

    JsonDocumentReader(ObjectMapper json) {
        this.json = json;
        this.innerValues = json.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * @param in the document; read to its end (not closed)
     * @throws UnreadableFileException when the bytes are not well-formed JSON, or are GeoJSON or CZML
     *                                 that break the format's rules
     * @throws IOException             when reading the stream itself fails
     */
    FormatReport read(InputStream in) throws IOException, UnreadableFileException {
        try (JsonParser parser = json.getFactory().createParser(in)) {
            parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            // the record separator that starts each record of a GeoJSON text sequence (RFC 8142)
            parser.enable(JsonReadFeature.ALLOW_RS_CONTROL_CHAR.mappedFeature());
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) {
                return geoJsonDocument(parser);
            }
            FormatReport report;
            if (first == JsonToken.START_ARRAY) {
                report = czml(parser);
            } else {
                parser.skipChildren();
                report = FormatReport.recognised(Format.JSON);
            }
            requireEnd(parser);
            return report;
        } catch (JsonProcessingException e) {
            throw new UnreadableFileException("invalid JSON" + at(e.getLocation()) + ": " + plainly(e.getOriginalMessage()), e);
        } catch (CharConversionException e) {
            // Jackson's UTF-32 decoder reports bad characters so, not as a JSON error: the file's fault all the same
            throw new UnreadableFileException("invalid JSON: the text is not in a Unicode encoding JSON allows ("
                    + e.getMessage() + ")", e);
        }
    }

    /**
     * A GeoJSON object, or a GeoJSON text sequence (RFC 8142, as {@code ogr2ogr -f GeoJSONSeq}
     * writes it; newline-delimited GeoJSON alike): features one after the other, each on its own.
     */
    private FormatReport geoJsonDocument(JsonParser parser) throws IOException, UnreadableFileException {
        GeoJsonSummary summary = new GeoJsonSummary();
        TilesetScan tileset = new TilesetScan((value, member) -> smallValue(value, TilesetScan.INVALID, member));
        Optional<String> type = geoJson(parser, summary, Optional.of(tileset));
        if (type.isEmpty()) {
            requireEnd(parser);
            return tileset.isTileset() ? tileset.report() : FormatReport.recognised(Format.JSON);
        }
        JsonToken next = parser.nextToken();
        if (next == null) {
            return summary.report(type.get(), Format.GEOJSON);
        }
        if (type.get().equals(FEATURE_COLLECTION)) {
            throw afterTheEnd(parser);
        }
        for (long record = 2; next != null; record++, next = parser.nextToken()) {
            JsonLocation start = parser.currentTokenLocation();
            if (next != JsonToken.START_OBJECT || geoJson(parser, summary, Optional.empty()).orElse(FEATURE_COLLECTION).equals(FEATURE_COLLECTION)) {
                throw new UnreadableFileException("invalid GeoJSON text sequence: record " + record + at(start)
                        + " is not a GeoJSON feature or geometry");
            }
        }
        return summary.report(SEQUENCE, Format.GEOJSON_SEQUENCE);
    }

    private static void requireEnd(JsonParser parser) throws IOException, UnreadableFileException {
        if (parser.nextToken() != null) {
            throw afterTheEnd(parser);
        }
    }

    private static UnreadableFileException afterTheEnd(JsonParser parser) {
        return new UnreadableFileException("invalid JSON: unexpected content after the end of the document"
                + at(parser.currentLocation()));
    }

    /**
     * Jackson's message without what speaks of Jackson: where an array or object that never closes
     * began, said as a line and column, and no advice to enable one of its features.
     */
    private static String plainly(String message) {
        Matcher opened = OPENED_AT.matcher(message);
        String located = opened.find()
                ? message.substring(0, opened.start()) + "(opened at line " + opened.group(1) + ", column "
                        + opened.group(2) + ")" + message.substring(opened.end())
                : message;
        int advice = located.indexOf(" (consider enabling");
        return advice < 0 ? located : located.substring(0, advice);
    }

    /**
     * Reads one GeoJSON object into {@code summary}, the parser at its start; the members a 3D Tiles
     * tileset has into {@code tileset}, when given, in case the object turns out to be one.
     *
     * @return its type; empty when the object is not GeoJSON (no "type", or one GeoJSON lacks)
     */
    private Optional<String> geoJson(JsonParser parser, GeoJsonSummary summary, Optional<TilesetScan> tileset)
            throws IOException, UnreadableFileException {
        Optional<String> type = Optional.empty();
        boolean hadFeatures = false;
        // Until "type" is read, the object may be a bare geometry: its members are read as one meanwhile.
        GeometryScan bareGeometry = new GeometryScan(summary.positions());
        Optional<GeometryScan> geometry = Optional.empty();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "type" -> {
                    type = value == JsonToken.VALUE_STRING ? Optional.of(parser.getText()) : Optional.empty();
                    bareGeometry.member(field, parser);
                }
                case "features" -> {
                    if (value != JsonToken.START_ARRAY) {
                        throw new UnreadableFileException("invalid GeoJSON: \"features\" must be an array");
                    }
                    hadFeatures = true;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        feature(parser, summary);
                    }
                }
                case "geometry" -> geometry = geometry(parser, summary);
                case "crs" -> summary.crs(LegacyCrs.of(smallValue(parser, "invalid GeoJSON", field)));
                case "coordinates", "geometries" -> bareGeometry.member(field, parser);
                default -> {
                    if (tileset.isEmpty() || !tileset.get().member(field, parser)) {
                        parser.skipChildren();
                    }
                }
            }
        }
        if (type.isEmpty()) {
            return Optional.empty();
        }
        String geoJsonType = type.get();
        if (geoJsonType.equals(FEATURE_COLLECTION)) {
            if (!hadFeatures) {
                throw new UnreadableFileException("invalid GeoJSON: the FeatureCollection has no \"features\" array");
            }
        } else if (geoJsonType.equals("Feature")) {
            summary.countFeature();
            if (geometry.isPresent()) {
                summary.addGeometry(geometry.get());
            }
        } else if (GEOMETRY_TYPES.contains(geoJsonType)) {
            // one feature, as GDAL counts a bare geometry, and as a lone Feature counts
            summary.countFeature();
            summary.addGeometry(bareGeometry);
        } else {
            return Optional.empty();
        }
        return type;
    }

    /** One element of a FeatureCollection's features: only its geometry is read, and nothing of it kept but its type and box. */
    private void feature(JsonParser parser, GeoJsonSummary summary) throws IOException, UnreadableFileException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new UnreadableFileException("invalid GeoJSON: feature " + (summary.featureCount() + 1)
                    + " is not an object");
        }
        summary.countFeature();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("geometry")) {
                Optional<GeometryScan> geometry = geometry(parser, summary);
                if (geometry.isPresent()) {
                    summary.addGeometry(geometry.get());
                }
            } else {
                parser.skipChildren();
            }
        }
    }

    /** A feature's geometry, the parser at its value; empty for null (a feature without a location). */
    private static Optional<GeometryScan> geometry(JsonParser parser, GeoJsonSummary summary)
            throws IOException, UnreadableFileException {
        if (parser.currentToken() == JsonToken.START_OBJECT) {
            return Optional.of(GeometryScan.read(parser, summary.positions()));
        }
        parser.skipChildren();
        return Optional.empty();
    }

    private FormatReport czml(JsonParser parser) throws IOException, UnreadableFileException {
        CzmlSummary summary = new CzmlSummary();
        boolean czml = false;
        long elements = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            boolean packet = parser.currentToken() == JsonToken.START_OBJECT;
            if (!packet || (elements > 0 && !czml)) {
                parser.skipChildren();
            } else {
                boolean documentPacket = packet(parser, summary);
                if (elements == 0) {
                    czml = documentPacket;
                }
            }
            elements++;
        }
        return czml ? summary.report() : FormatReport.recognised(Format.JSON);
    }

    /**
     * Reads the fields of a packet that tell time (clock, availability) and place (its position,
     * its shapes' positions); skips the rest unread.
     */
    private boolean packet(JsonParser parser, CzmlSummary summary) throws IOException, UnreadableFileException {
        boolean document = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "id" -> document = value == JsonToken.VALUE_STRING && parser.getText().equals("document");
                case "clock", "availability", "name", "version" -> summary.take(field, smallValue(parser, "invalid CZML", field));
                case "position" -> summary.places().read(parser, CzmlPlaces.Shape.POSITION);
                case "polyline", "wall", "corridor", "polylineVolume" -> shape(parser, summary, CzmlPlaces.Shape.LINE);
                case "polygon" -> shape(parser, summary, CzmlPlaces.Shape.OUTLINE);
                default -> parser.skipChildren();
            }
        }
        summary.countPacket(document);
        return document;
    }

    /** Reads the positions of a packet's shape, the parser at the shape's value. */
    private static void shape(JsonParser parser, CzmlSummary summary, CzmlPlaces.Shape shape) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if (field.equals("positions")) {
                summary.places().read(parser, shape);
            } else {
                parser.skipChildren();
            }
        }
    }

    /** The value the parser is at, as a tree, unless it has more than {@link #MAX_MEMBER_TOKENS} tokens. */
    private JsonNode smallValue(JsonParser parser, String invalid, String member) throws IOException, UnreadableFileException {
        if (!parser.currentToken().isStructStart()) {
            return innerValues.readTree(parser);
        }
        try (TokenBuffer copy = new TokenBuffer(parser)) {
            int depth = 0;
            int tokens = 0;
            for (JsonToken token = parser.currentToken(); ; token = parser.nextToken()) {
                if (token == null) {
                    throw new UnreadableFileException(invalid + ": the document ends inside \"" + member + "\"");
                }
                if (++tokens > MAX_MEMBER_TOKENS) {
                    throw new UnreadableFileException(invalid + ": \"" + member + "\" holds more than " + MAX_MEMBER_TOKENS
                            + " values" + at(parser.currentLocation()));
                }
                copy.copyCurrentEvent(parser);
                depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
                if (depth == 0) {
                    return innerValues.readTree(copy.asParser());
                }
            }
        }
    }

    static String at(JsonLocation location) {
        return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}

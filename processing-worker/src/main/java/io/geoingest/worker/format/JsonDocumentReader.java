package io.geoingest.worker.format;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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

/**
 * JSON documents read as a stream (Jackson's streaming parser), so memory stays bounded by the
 * largest single feature or packet, not the file: GeoJSON (an object) or CZML (an array whose first
 * packet is the document packet). Well-formed JSON that is neither is reported as plain JSON.
 */
final class JsonDocumentReader {
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
            JsonToken first = parser.nextToken();
            FormatReport report;
            if (first == JsonToken.START_OBJECT) {
                report = geoJson(parser);
            } else if (first == JsonToken.START_ARRAY) {
                report = czml(parser);
            } else {
                parser.skipChildren();
                report = FormatReport.recognised(Format.JSON);
            }
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw new UnreadableFileException("invalid JSON: unexpected content after the end of the document"
                        + at(parser.currentLocation()));
            }
            return report;
        } catch (JsonProcessingException e) {
            throw new UnreadableFileException("invalid JSON" + at(e.getLocation()) + ": " + e.getOriginalMessage(), e);
        } catch (CharConversionException e) {
            // Jackson's UTF-32 decoder reports bad characters so, not as a JSON error: the file's fault all the same
            throw new UnreadableFileException("invalid JSON: the text is not in a Unicode encoding JSON allows ("
                    + e.getMessage() + ")", e);
        }
    }

    private FormatReport geoJson(JsonParser parser) throws IOException, UnreadableFileException {
        GeoJsonSummary summary = new GeoJsonSummary();
        Optional<String> type = Optional.empty();
        boolean hadFeatures = false;
        // Until "type" is read, the object may be a bare geometry: its members are read as one meanwhile.
        GeometryScan bareGeometry = new GeometryScan();
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
                case "geometry" -> geometry(parser, summary);
                case "crs" -> summary.crs(LegacyCrs.of(smallValue(parser, "invalid GeoJSON", field)));
                case "coordinates", "geometries" -> bareGeometry.member(field, parser);
                default -> parser.skipChildren();
            }
        }
        if (type.isEmpty()) {
            return FormatReport.recognised(Format.JSON);
        }
        String geoJsonType = type.get();
        if (geoJsonType.equals("FeatureCollection")) {
            if (!hadFeatures) {
                throw new UnreadableFileException("invalid GeoJSON: the FeatureCollection has no \"features\" array");
            }
        } else if (geoJsonType.equals("Feature")) {
            summary.countFeature();
        } else if (GEOMETRY_TYPES.contains(geoJsonType)) {
            summary.addGeometry(bareGeometry);
        } else {
            return FormatReport.recognised(Format.JSON);
        }
        return summary.report(geoJsonType);
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
                geometry(parser, summary);
            } else {
                parser.skipChildren();
            }
        }
    }

    /** A feature's geometry, the parser at its value; null (a feature without a location) adds nothing. */
    private static void geometry(JsonParser parser, GeoJsonSummary summary) throws IOException, UnreadableFileException {
        if (parser.currentToken() == JsonToken.START_OBJECT) {
            summary.addGeometry(GeometryScan.read(parser));
        } else {
            parser.skipChildren();
        }
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

    /** Reads the fields of a packet that tell time (clock, availability); skips the rest unread. */
    private boolean packet(JsonParser parser, CzmlSummary summary) throws IOException, UnreadableFileException {
        boolean document = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "id" -> document = value == JsonToken.VALUE_STRING && parser.getText().equals("document");
                case "clock", "availability", "name", "version" -> summary.take(field, smallValue(parser, "invalid CZML", field));
                default -> parser.skipChildren();
            }
        }
        summary.countPacket(document);
        return document;
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

    private static String at(JsonLocation location) {
        return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}

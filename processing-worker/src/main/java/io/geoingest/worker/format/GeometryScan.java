package io.geoingest.worker.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import io.geoingest.common.geo.LongitudeSpans;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Envelope;

/**
 * One GeoJSON geometry (RFC 7946, 3.1) read token by token: its type, the box around its positions,
 * and the checks JTS makes when it builds the geometry (positions of two or more numbers, lines of
 * two or more positions, rings of four or more that end where they start). JTS's own reader needs
 * the whole geometry in memory three times over (as a tree, as text, as its maps), which a polygon
 * of millions of vertices does not fit in; this keeps a few numbers whatever the size. The members
 * of an object come in any order, so the shape of the coordinates is measured as they stream by
 * and judged against the type at the end; so are the longitudes of each element of the
 * coordinates, which are the parts of a multi-geometry.
 */
final class GeometryScan {
    /** How deep in the coordinates each type has its positions: a Point's coordinates are one. */
    private static final Map<String, Integer> POSITION_DEPTH = Map.of("Point", 0, "MultiPoint", 1, "LineString", 1,
            "MultiLineString", 2, "Polygon", 2, "MultiPolygon", 3);
    private static final Map<String, String> SHAPE = Map.of("Point", "one position",
            "MultiPoint", "an array of positions",
            "LineString", "an array of positions",
            "MultiLineString", "an array of lines, each an array of positions",
            "Polygon", "an array of rings, each an array of positions",
            "MultiPolygon", "an array of polygons, each an array of rings of positions");
    private static final String COLLECTION = "GeometryCollection";

    /** Told every position as it is read. */
    @FunctionalInterface
    interface PositionListener {
        void position(double x, double y);
    }

    private final PositionListener listener;
    private final Envelope envelope = new Envelope();
    /** The longitudes of each element of the coordinates, or of each member's parts in a collection. */
    private final LongitudeSpans elementLongitudes = new LongitudeSpans();
    private double elementWest = Double.POSITIVE_INFINITY;
    private double elementEast = Double.NEGATIVE_INFINITY;
    private Optional<String> type = Optional.empty();
    private Optional<String> problem = Optional.empty();
    private boolean hasCoordinates;
    private boolean hasGeometries;
    private int positionDepth = -1;
    private long shortestList = Long.MAX_VALUE;
    private boolean openList;

    GeometryScan(PositionListener listener) {
        this.listener = listener;
    }

    /** Reads the geometry object the parser is at (its START_OBJECT) to its end, telling {@code listener} its positions. */
    static GeometryScan read(JsonParser parser, PositionListener listener) throws IOException {
        GeometryScan scan = new GeometryScan(listener);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if (!scan.member(field, parser)) {
                parser.skipChildren();
            }
        }
        return scan;
    }

    /**
     * Takes the member {@code field} of a geometry object, the parser at its value.
     *
     * @return false when the member is not part of a geometry: the caller skips it
     */
    boolean member(String field, JsonParser parser) throws IOException {
        switch (field) {
            case "type" -> {
                type = parser.currentToken() == JsonToken.VALUE_STRING ? Optional.of(parser.getText()) : Optional.empty();
                parser.skipChildren();
            }
            case "coordinates" -> coordinates(parser);
            case "geometries" -> geometries(parser);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** @return the geometry's type, once it is known to be a well-formed geometry */
    String check() throws UnreadableFileException {
        String name = type.orElseThrow(() -> new UnreadableFileException("the geometry has no \"type\""));
        if (problem.isPresent()) {
            throw new UnreadableFileException(problem.get());
        }
        if (name.equals(COLLECTION)) {
            if (!hasGeometries) {
                throw new UnreadableFileException("a GeometryCollection needs a \"geometries\" array");
            }
            return name;
        }
        Integer depth = POSITION_DEPTH.get(name);
        if (depth == null) {
            throw new UnreadableFileException("\"" + name + "\" is not a GeoJSON geometry type");
        }
        if (!hasCoordinates) {
            throw new UnreadableFileException("a " + name + " needs \"coordinates\"");
        }
        if (positionDepth >= 0 && positionDepth != depth) {
            throw new UnreadableFileException("the coordinates of a " + name + " must be " + SHAPE.get(name));
        }
        boolean lines = name.endsWith("LineString");
        boolean rings = name.endsWith("Polygon");
        if (lines && shortestList < 2) {
            throw new UnreadableFileException("a line of a " + name + " has " + shortestList
                    + " position; it needs at least 2");
        }
        if (rings && shortestList < 4) {
            throw new UnreadableFileException("a ring of a " + name + " has " + shortestList
                    + " position(s); it needs at least 4");
        }
        if (rings && openList) {
            throw new UnreadableFileException("a ring of a " + name + " does not end where it starts");
        }
        return name;
    }

    /** The box around every position; a null envelope for an empty geometry. */
    Envelope envelope() {
        return envelope;
    }

    /**
     * Adds the longitudes of each part of the geometry to {@code parts}: the members of a
     * multi-geometry or collection, or the geometry itself. Only after {@link #check()}.
     */
    void addPartsTo(LongitudeSpans parts) {
        String name = type.orElseThrow();
        if (name.startsWith("Multi") || name.equals(COLLECTION)) {
            parts.addAll(elementLongitudes);
        } else if (!envelope.isNull()) {
            parts.add(envelope.getMinX(), envelope.getMaxX());
        }
    }

    private void coordinates(JsonParser parser) throws IOException {
        hasCoordinates = true;
        if (isArray(parser, "coordinates")) {
            array(parser, 0);
        }
    }

    /**
     * Reads an array of the coordinates, the parser at its START_ARRAY, to its END_ARRAY.
     *
     * @return the array's first position if it is a position, else empty
     */
    private Optional<double[]> array(JsonParser parser, int depth) throws IOException {
        JsonToken token = parser.nextToken();
        if (token.isScalarValue()) {
            return Optional.of(position(parser, depth));
        }
        long positions = 0;
        double[] first = null;
        double[] last = null;
        for (; token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token != JsonToken.START_ARRAY) {
                parser.skipChildren();
                fail("the coordinates mix positions and other values");
                continue;
            }
            if (depth == 0) {
                elementWest = Double.POSITIVE_INFINITY;
                elementEast = Double.NEGATIVE_INFINITY;
            }
            Optional<double[]> position = array(parser, depth + 1);
            if (depth == 0 && elementWest <= elementEast && mayBeMulti()) {
                elementLongitudes.add(elementWest, elementEast);
            }
            if (position.isPresent()) {
                positions++;
                if (first == null) {
                    first = position.get();
                }
                last = position.get();
            }
        }
        if (positions > 0) {
            shortestList = Math.min(shortestList, positions);
            openList |= first[0] != last[0] || first[1] != last[1];
        }
        return Optional.empty();
    }

    /** Reads the numbers of one position, the parser at the first of them, to the array's end. */
    private double[] position(JsonParser parser, int depth) throws IOException {
        double[] xy = new double[2];
        int count = 0;
        for (JsonToken token = parser.currentToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                parser.skipChildren();
                fail("a position holds something other than numbers");
                continue;
            }
            if (count < 2) {
                xy[count] = parser.getDoubleValue();
            }
            count++;
        }
        if (count < 2) {
            fail("a position has 1 number; it needs at least 2 (longitude, latitude)");
            return xy;
        }
        if (positionDepth < 0) {
            positionDepth = depth;
        } else if (positionDepth != depth) {
            fail("the coordinates hold positions at different depths");
        }
        envelope.expandToInclude(xy[0], xy[1]);
        listener.position(xy[0], xy[1]);
        elementWest = Math.min(elementWest, xy[0]);
        elementEast = Math.max(elementEast, xy[0]);
        return xy;
    }

    private void geometries(JsonParser parser) throws IOException {
        hasGeometries = true;
        if (!isArray(parser, "geometries")) {
            return;
        }
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                parser.skipChildren();
                fail("\"geometries\" holds something other than geometry objects");
                continue;
            }
            GeometryScan member = read(parser, listener);
            try {
                member.check();
                envelope.expandToInclude(member.envelope());
                member.addPartsTo(elementLongitudes);
            } catch (UnreadableFileException e) {
                fail("a member of the GeometryCollection: " + e.getMessage());
            }
        }
    }

    /**
     * Whether the elements of the coordinates may be parts (a multi-geometry's, or of a type not
     * read yet): a line's are its positions, which only the line as a whole places.
     */
    private boolean mayBeMulti() {
        return type.map(name -> name.startsWith("Multi")).orElse(true);
    }

    /** Whether the member's value is an array; anything else is skipped, and a problem. */
    private boolean isArray(JsonParser parser, String member) throws IOException {
        if (parser.currentToken() == JsonToken.START_ARRAY) {
            return true;
        }
        parser.skipChildren();
        fail("\"" + member + "\" must be an array");
        return false;
    }

    /** The first problem is the one reported: later ones often follow from it. */
    private void fail(String reason) {
        if (problem.isEmpty()) {
            problem = Optional.of(reason);
        }
    }
}

package io.geoingest.worker.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.geoingest.common.geo.LonLatBox;
import io.geoingest.common.geo.LongitudeSpans;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * Where the entities of a CZML document are: the box around their positions (a packet's
 * {@code position}, constant or sampled) and the positions of their shapes (a polyline's,
 * polygon's, wall's or corridor's {@code positions}), given in longitude and latitude
 * ({@code cartographicDegrees}, {@code cartographicRadians}) or as earth-fixed cartesian
 * coordinates ({@code cartesian}, or {@code cartesianVelocity} with a velocity after each).
 * Consecutive positions are joined the short way round, as Cesium draws and
 * interpolates them, so an orbit sampled every minute covers every longitude it passes over.
 * Positions in the inertial frame, whose longitude depends on the time, and references to other
 * packets are not followed.
 */
final class CzmlPlaces {
    /** Numbers read from one list of positions; a longer list is placed by its first ones. */
    private static final int MAX_NUMBERS = 1 << 20;
    private final LongitudeSpans longitudes = new LongitudeSpans();
    private double south = Double.POSITIVE_INFINITY;
    private double north = Double.NEGATIVE_INFINITY;

    /** How a list of positions is read, and what joins them. */
    enum Shape {
        /** A packet's position: one, or samples each after its time. */
        POSITION,
        /** The positions of a line: joined one to the next. */
        LINE,
        /** The positions of a polygon's outline: joined one to the next, and the last to the first. */
        OUTLINE
    }

    /** Reads a position or a list of positions, the parser at its value, to the value's end. */
    void read(JsonParser parser, Shape shape) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_ARRAY) {
            // the value in intervals of time, each an object of its own
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() == JsonToken.START_OBJECT) {
                    readObject(parser, shape);
                } else {
                    parser.skipChildren();
                }
            }
        } else if (token == JsonToken.START_OBJECT) {
            readObject(parser, shape);
        } else {
            parser.skipChildren();
        }
    }

    /** The box around every position read, in longitude and latitude; empty when none was. */
    Optional<Bounds> bounds() {
        if (longitudes.isEmpty()) {
            return Optional.empty();
        }
        LonLatBox box = longitudes.box(south, north);
        return Optional.of(Bounds.of(box));
    }

    private void readObject(JsonParser parser, Shape shape) throws IOException {
        double[] lonLat = null;
        double[] cartesian = null;
        int cartesianValues = 3;
        boolean inertial = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "cartographicDegrees" -> lonLat = numbers(parser);
                case "cartographicRadians" -> lonLat = toDegrees(numbers(parser));
                case "cartesian" -> cartesian = numbers(parser);
                case "cartesianVelocity" -> {
                    // each position followed by its velocity
                    cartesian = numbers(parser);
                    cartesianValues = 6;
                }
                case "referenceFrame" -> {
                    inertial = value == JsonToken.VALUE_STRING && parser.getText().equals("INERTIAL");
                    parser.skipChildren();
                }
                default -> parser.skipChildren();
            }
        }
        if (lonLat != null) {
            place(lonLat, shape, false, 3);
        } else if (cartesian != null && !inertial) {
            place(cartesian, shape, true, cartesianValues);
        }
    }

    /**
     * Places the positions of a list of numbers: {@code valuesPerPosition} per position (the
     * position first), or for a packet's position other than a single one, one more (the time first).
     */
    private void place(double[] numbers, Shape shape, boolean earthFixed, int valuesPerPosition) {
        int stride = shape == Shape.POSITION && numbers.length != valuesPerPosition ? valuesPerPosition + 1
                : valuesPerPosition;
        int first = stride - valuesPerPosition;
        double firstLongitude = Double.NaN;
        double previous = Double.NaN;
        ProjCoordinate position = new ProjCoordinate();
        for (int i = first; i + 2 < numbers.length; i += stride) {
            position.x = numbers[i];
            position.y = numbers[i + 1];
            position.z = numbers[i + 2];
            if (earthFixed) {
                EarthFixed.toLonLatHeight(position);
            }
            if (!Double.isFinite(position.x) || !Double.isFinite(position.y) || Math.abs(position.y) > 90) {
                continue;
            }
            double longitude = Math.IEEEremainder(position.x, 360);
            south = Math.min(south, position.y);
            north = Math.max(north, position.y);
            join(previous, longitude);
            previous = longitude;
            firstLongitude = Double.isNaN(firstLongitude) ? longitude : firstLongitude;
        }
        if (shape == Shape.OUTLINE) {
            join(previous, firstLongitude);
        }
    }

    /** Adds the longitudes from one position to the next, the short way round. */
    private void join(double from, double to) {
        if (Double.isNaN(to)) {
            return;
        }
        if (Double.isNaN(from)) {
            longitudes.add(to, to);
        } else if (Math.abs(to - from) <= 180) {
            longitudes.add(Math.min(from, to), Math.max(from, to));
        } else {
            longitudes.add(Math.max(from, to), 180);
            longitudes.add(-180, Math.min(from, to));
        }
    }

    /** The numbers of an array, the parser at its start; a time given as text in their midst counts as one, unread. */
    private static double[] numbers(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return new double[0];
        }
        double[] numbers = new double[64];
        int count = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            double value = switch (token) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
                default -> {
                    parser.skipChildren();
                    yield Double.NaN;
                }
            };
            if (count < MAX_NUMBERS) {
                if (count == numbers.length) {
                    numbers = Arrays.copyOf(numbers, count * 2);
                }
                numbers[count++] = value;
            }
        }
        return Arrays.copyOf(numbers, count);
    }

    private static double[] toDegrees(double[] radians) {
        return Arrays.stream(radians).map(Math::toDegrees).toArray();
    }
}

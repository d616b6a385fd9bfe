package io.geoingest.worker.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.time.StorableDates;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where and when a NetCDF file's data lie, by the CF conventions' coordinate variables: a variable
 * of one dimension named as that dimension, whose units say latitude ({@code degrees_north}),
 * longitude ({@code degrees_east}) or time ({@code days since 2024-06-01}). Coordinates are the
 * centres of cells: the box reaches half a step beyond the outer ones. A vertical coordinate
 * (CF 4.3: pressure units, a {@code positive} direction, {@code axis = "Z"} or a vertical standard
 * name) gives the levels the data lie on.
 */
final class CfCoordinates {
    private static final Set<String> NORTH = Set.of("degrees_north", "degree_north", "degree_n", "degrees_n",
            "degreen", "degreesn");
    private static final Set<String> EAST = Set.of("degrees_east", "degree_east", "degree_e", "degrees_e",
            "degreee", "degreese");
    /** The calendars whose dates are the proleptic Gregorian ones java.time counts in. */
    private static final Set<String> GREGORIAN = Set.of("standard", "gregorian", "proleptic_gregorian");
    private static final Pattern SINCE = Pattern.compile(
            "\\s*(\\w+)\\s+since\\s+(-?\\d{1,4})-(\\d{1,2})-(\\d{1,2})(?:[ T](\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.\\d+)?)?)?"
                    + "\\s*(Z|UTC|[+-]\\d{1,2}(?::?\\d{2})?)?\\s*",
            Pattern.CASE_INSENSITIVE);
    /** Units of pressure, which CF takes as a vertical coordinate's (UDUNITS spellings in use). */
    private static final Set<String> PRESSURE = Set.of("pa", "hpa", "kpa", "mbar", "millibar", "millibars", "mb",
            "bar", "dbar", "decibar", "atm");
    private static final Set<String> VERTICAL_STANDARD_NAMES = Set.of("air_pressure", "height", "depth", "altitude",
            "model_level_number", "height_above_mean_sea_level", "height_above_reference_ellipsoid");
    /** The most levels listed one by one: pressure levels number a few dozen, a model's up to 137. */
    static final int MAX_LISTED_LEVELS = 150;
    private static final Map<String, Double> SECONDS_PER_UNIT = Map.ofEntries(
            Map.entry("seconds", 1.0), Map.entry("second", 1.0), Map.entry("secs", 1.0), Map.entry("sec", 1.0),
            Map.entry("s", 1.0), Map.entry("minutes", 60.0), Map.entry("minute", 60.0), Map.entry("mins", 60.0),
            Map.entry("min", 60.0), Map.entry("hours", 3600.0), Map.entry("hour", 3600.0), Map.entry("hrs", 3600.0),
            Map.entry("hr", 3600.0), Map.entry("h", 3600.0), Map.entry("days", 86400.0), Map.entry("day", 86400.0),
            Map.entry("d", 86400.0));

    /** Units of length of projection coordinates, in metres, the unit of the EPSG systems that place them. */
    private static final Map<String, Double> METRES_PER_UNIT = Map.of("m", 1.0, "metre", 1.0, "metres", 1.0,
            "meter", 1.0, "meters", 1.0, "km", 1000.0, "kilometre", 1000.0, "kilometres", 1000.0, "kilometer", 1000.0,
            "kilometers", 1000.0);

    /** What a coordinate variable is, by its name and attributes. */
    enum Axis {
        LATITUDE, LONGITUDE, TIME, VERTICAL, PROJECTION_X, PROJECTION_Y
    }

    /** The most values of a coordinate variable read: a grid of a million cells along one axis is finer than any. */
    static final long MAX_VALUES = 1_000_000;
    /**
     * The most values of a coordinate variable of no known axis read (wavelengths, ensemble
     * members, levels CF does not mark): such a dimension is described, not placed.
     */
    static final long MAX_OTHER_VALUES = 10_000;

    /** A coordinate variable's values, with its text attributes; its name is that of its dimension. */
    record Variable(String name, Map<String, String> attributes, double[] values) {
    }

    private CfCoordinates() {
    }

    /**
     * {@code report} with the box its latitude and longitude give ({@code bbox}, and placed in
     * WGS84 as a grid), or else its projection coordinates in the CRS of its grid mapping
     * ({@code bbox} in that CRS, {@code crs} with {@code epsg} or {@code projDefinition}, and
     * placed by the grid's outline), and
     * the span its time gives ({@code start}, {@code end}), where it has them, the levels of its
     * vertical coordinate ({@code vertical}), and which dimension gave each ({@code axes}:
     * {@code x}, {@code y}, {@code time}, {@code z}); the values of its other coordinate variables
     * ({@code coordinates}, by name).
     *
     * @param gridMapping the CRS of the file's grid mapping, where it has one this knows
     */
    static FormatReport placed(FormatReport report, List<Variable> coordinates, Optional<GridMapping> gridMapping) {
        Optional<Variable> latitude = first(coordinates, Axis.LATITUDE);
        Optional<Variable> longitude = first(coordinates, Axis.LONGITUDE);
        Optional<double[]> south = latitude.flatMap(variable -> edges(variable.values()));
        Optional<double[]> west = longitude.flatMap(variable -> edges(variable.values()));
        Optional<Instant[]> span = first(coordinates, Axis.TIME).flatMap(variable -> span(variable.values(),
                variable.attributes()));
        ObjectNode details = report.details().deepCopy();
        Optional<Bounds> wgs84 = Optional.empty();
        Optional<Footprint> outline = Optional.empty();
        ObjectNode axes = JsonNodeFactory.instance.objectNode();
        Optional<Variable> projectionX = first(coordinates, Axis.PROJECTION_X);
        Optional<Variable> projectionY = first(coordinates, Axis.PROJECTION_Y);
        Optional<Bounds> projected = gridMapping.isPresent() && projectionX.isPresent() && projectionY.isPresent()
                ? projectedBox(projectionX.get(), projectionY.get()) : Optional.empty();
        if (south.isPresent() && west.isPresent()) {
            Bounds box = new Bounds(west.get()[0], south.get()[0], west.get()[1], south.get()[1]);
            details.set("bbox", box.toJson());
            wgs84 = Wgs84.ofGrid(Wgs84.EPSG_WGS84, box, longitude.get().values().length, latitude.get().values().length);
            axes.put("x", longitude.get().name()).put("y", latitude.get().name());
        } else if (projected.isPresent()) {
            GridMapping crs = gridMapping.get();
            Bounds box = projected.get();
            details.put("crs", crs.epsg().map(code -> "EPSG:" + code).orElse("user-defined (CF grid mapping parameters)"));
            crs.epsg().ifPresent(code -> details.put("epsg", code));
            crs.definition().ifPresent(definition -> details.put("projDefinition", definition));
            details.set("bbox", box.toJson());
            int columns = projectionX.get().values().length;
            int rows = projectionY.get().values().length;
            double[] northUp = {(box.maxX() - box.minX()) / columns, 0, box.minX(), 0,
                (box.minY() - box.maxY()) / rows, box.maxY()};
            outline = crs.toLonLat().flatMap(toLonLat -> Footprint.ofGrid(toLonLat, northUp, columns, rows));
            wgs84 = outline.map(Footprint::bounds).or(() -> crs.wgs84(box));
            wgs84.ifPresent(lonLat -> details.set("bboxWgs84", lonLat.toJson()));
            axes.put("x", projectionX.get().name()).put("y", projectionY.get().name());
        }
        span.ifPresent(times -> details.put("start", times[0].toString()).put("end", times[1].toString()));
        if (span.isPresent()) {
            axes.put("time", first(coordinates, Axis.TIME).orElseThrow().name());
        }
        first(coordinates, Axis.VERTICAL).ifPresent(vertical -> levels(vertical).ifPresent(levels -> {
            details.set("vertical", levels);
            axes.put("z", vertical.name());
        }));
        ObjectNode others = JsonNodeFactory.instance.objectNode();
        coordinates.stream().filter(variable -> axis(variable.attributes()).isEmpty()
                        || (!axes.has("x") && isProjection(variable)))
                .forEach(variable -> levels(variable).ifPresent(values -> others.set(variable.name(), values)));
        if (!others.isEmpty()) {
            details.set("coordinates", others);
        }
        if (!axes.isEmpty()) {
            details.set("axes", axes);
        }
        return new FormatReport(report.format(), details, wgs84, outline.map(Footprint::outline),
                span.map(times -> times[0]), span.map(times -> times[1]), report.problem());
    }

    private static boolean isProjection(Variable coordinate) {
        Optional<Axis> axis = axis(coordinate.attributes());
        return axis.equals(Optional.of(Axis.PROJECTION_X)) || axis.equals(Optional.of(Axis.PROJECTION_Y));
    }

    /** The cells' outer edges along projection coordinates in a unit of length, in metres. */
    private static Optional<Bounds> projectedBox(Variable x, Variable y) {
        Double xMetres = METRES_PER_UNIT.get(x.attributes().getOrDefault("units", "").trim().toLowerCase(Locale.ROOT));
        Double yMetres = METRES_PER_UNIT.get(y.attributes().getOrDefault("units", "").trim().toLowerCase(Locale.ROOT));
        if (xMetres == null || yMetres == null) {
            return Optional.empty();
        }
        return edges(x.values()).flatMap(west -> edges(y.values()).map(south -> new Bounds(west[0] * xMetres,
                south[0] * yMetres, west[1] * xMetres, south[1] * yMetres)));
    }

    /**
     * The extent of a coordinate's values, as levels (not cells: no half step beyond), the values
     * themselves when there are not too many, its units and, for a vertical one, its
     * {@code positive} direction.
     */
    private static Optional<ObjectNode> levels(Variable coordinate) {
        return extremes(coordinate.values()).map(range -> {
            ObjectNode levels = JsonNodeFactory.instance.objectNode();
            levels.putArray("extent").add(range[0]).add(range[1]);
            if (coordinate.values().length <= MAX_LISTED_LEVELS) {
                ArrayNode values = levels.putArray("values");
                Arrays.stream(coordinate.values()).filter(Double::isFinite).forEach(values::add);
            }
            Optional.ofNullable(coordinate.attributes().get("units")).ifPresent(units -> levels.put("units", units));
            Optional.ofNullable(coordinate.attributes().get("positive"))
                    .ifPresent(direction -> levels.put("positive", direction.trim().toLowerCase(Locale.ROOT)));
            return levels;
        });
    }

    private static Optional<Variable> first(List<Variable> coordinates, Axis axis) {
        return coordinates.stream().filter(variable -> axis(variable.attributes()).filter(axis::equals).isPresent())
                .findFirst();
    }

    /**
     * @param attributes the variable's text attributes ({@code units}, {@code standard_name},
     *                   {@code calendar})
     */
    static Optional<Axis> axis(Map<String, String> attributes) {
        String units = attributes.getOrDefault("units", "").trim().toLowerCase(Locale.ROOT);
        String standardName = attributes.getOrDefault("standard_name", "").trim();
        if (NORTH.contains(units) || standardName.equals("latitude")) {
            return Optional.of(Axis.LATITUDE);
        }
        if (EAST.contains(units) || standardName.equals("longitude")) {
            return Optional.of(Axis.LONGITUDE);
        }
        if (SINCE.matcher(units).matches()) {
            return Optional.of(Axis.TIME);
        }
        String axis = attributes.getOrDefault("axis", "").trim();
        boolean length = METRES_PER_UNIT.containsKey(units);
        if (standardName.equals("projection_x_coordinate") || (axis.equalsIgnoreCase("X") && length)) {
            return Optional.of(Axis.PROJECTION_X);
        }
        if (standardName.equals("projection_y_coordinate") || (axis.equalsIgnoreCase("Y") && length)) {
            return Optional.of(Axis.PROJECTION_Y);
        }
        String positive = attributes.getOrDefault("positive", "").trim().toLowerCase(Locale.ROOT);
        boolean dimensionlessVertical = (standardName.startsWith("atmosphere_") || standardName.startsWith("ocean_"))
                && standardName.endsWith("_coordinate");
        if (PRESSURE.contains(units) || positive.equals("up") || positive.equals("down") || axis.equalsIgnoreCase("Z")
                || VERTICAL_STANDARD_NAMES.contains(standardName) || dimensionlessVertical) {
            return Optional.of(Axis.VERTICAL);
        }
        return Optional.empty();
    }

    /** The outer edges of the cells centred on {@code values}: the extremes, half a step further out. */
    static Optional<double[]> edges(double[] values) {
        double halfStep = values.length > 1 && Double.isFinite(values[1] - values[0])
                ? Math.abs(values[1] - values[0]) / 2 : 0;
        return extremes(values).map(range -> new double[] {range[0] - halfStep, range[1] + halfStep});
    }

    /** The least and the greatest of the numbers among {@code values} (a fill value may be NaN). */
    private static Optional<double[]> extremes(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double value : values) {
            if (Double.isFinite(value)) {
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        return min > max ? Optional.empty() : Optional.of(new double[] {min, max});
    }

    /**
     * The first and last time among {@code values}, in the variable's units and calendar: empty for
     * a calendar other than the Gregorian one (a year of 360 or 365 days has dates java.time has not),
     * units that are not a duration since a date, or a time outside the years 0000 to 9999.
     */
    static Optional<Instant[]> span(double[] values, Map<String, String> attributes) {
        String calendar = attributes.getOrDefault("calendar", "standard").trim().toLowerCase(Locale.ROOT);
        Matcher units = SINCE.matcher(attributes.getOrDefault("units", ""));
        if (!GREGORIAN.contains(calendar) || !units.matches()) {
            return Optional.empty();
        }
        Double seconds = SECONDS_PER_UNIT.get(units.group(1).toLowerCase(Locale.ROOT));
        Optional<Instant> epoch = epoch(units);
        Optional<double[]> range = extremes(values);
        if (seconds == null || epoch.isEmpty() || range.isEmpty()) {
            return Optional.empty();
        }
        try {
            Optional<Instant> first = StorableDates.storable(after(epoch.get(), range.get()[0] * seconds));
            Optional<Instant> last = StorableDates.storable(after(epoch.get(), range.get()[1] * seconds));
            // a time STAC cannot write (a fill value of 9.97e36 days) is no time of the data
            return first.isPresent() && last.isPresent() ? Optional.of(new Instant[] {first.get(), last.get()})
                    : Optional.empty();
        } catch (ArithmeticException | DateTimeException beyondTime) {
            return Optional.empty();
        }
    }

    private static Instant after(Instant epoch, double seconds) {
        return epoch.plus(Duration.ofMillis(Math.round(seconds * 1000)));
    }

    private static Optional<Instant> epoch(Matcher units) {
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(units.group(2)), Integer.parseInt(units.group(3)),
                    Integer.parseInt(units.group(4)));
            LocalTime time = units.group(5) == null ? LocalTime.MIDNIGHT
                    : LocalTime.of(Integer.parseInt(units.group(5)), Integer.parseInt(units.group(6)),
                            units.group(7) == null ? 0 : Integer.parseInt(units.group(7)));
            return Optional.of(LocalDateTime.of(date, time).toInstant(offset(units.group(8))));
        } catch (DateTimeException | NumberFormatException notADate) {
            return Optional.empty();
        }
    }

    private static ZoneOffset offset(String zone) {
        if (zone == null || zone.equalsIgnoreCase("Z") || zone.equalsIgnoreCase("UTC")) {
            return ZoneOffset.UTC;
        }
        String digits = zone.replace(":", "");
        int sign = digits.startsWith("-") ? -1 : 1;
        String unsigned = digits.substring(1);
        int hours = Integer.parseInt(unsigned.length() > 2 ? unsigned.substring(0, unsigned.length() - 2) : unsigned);
        int minutes = unsigned.length() > 2 ? Integer.parseInt(unsigned.substring(unsigned.length() - 2)) : 0;
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }
}

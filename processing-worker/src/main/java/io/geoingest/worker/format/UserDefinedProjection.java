package io.geoingest.worker.format;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A projected CRS that a GeoTIFF spells out in its GeoKeys instead of naming it by EPSG code (GDAL
 * writes them so for a CRS EPSG has no code for, as a MODIS sinusoidal grid or a national grid
 * given by its parameters), as a PROJ definition Proj4J can place in WGS84. The coordinate
 * transformations of GeoTIFF 1.1 (section 7.5) that such files use are known; another gives none.
 * So is a geographic CRS on an ellipsoid or sphere of its own (MODIS' sphere).
 */
final class UserDefinedProjection {
    private static final int PROJECTION = 3074;
    private static final int COORDINATE_TRANSFORMATION = 3075;
    private static final int GEOGRAPHIC_TYPE = 2048;
    private static final int ANGULAR_UNITS = 2054;
    private static final int ELLIPSOID = 2056;
    private static final int SEMI_MAJOR_AXIS = 2057;
    private static final int SEMI_MINOR_AXIS = 2058;
    private static final int INVERSE_FLATTENING = 2059;
    private static final int LINEAR_UNITS = 3076;
    private static final int STANDARD_PARALLEL_1 = 3078;
    private static final int STANDARD_PARALLEL_2 = 3079;
    private static final int NATURAL_ORIGIN_LONGITUDE = 3080;
    private static final int NATURAL_ORIGIN_LATITUDE = 3081;
    private static final int FALSE_EASTING = 3082;
    private static final int FALSE_NORTHING = 3083;
    private static final int FALSE_ORIGIN_LONGITUDE = 3084;
    private static final int FALSE_ORIGIN_LATITUDE = 3085;
    private static final int FALSE_ORIGIN_EASTING = 3086;
    private static final int FALSE_ORIGIN_NORTHING = 3087;
    private static final int CENTRE_LONGITUDE = 3088;
    private static final int CENTRE_LATITUDE = 3089;
    private static final int SCALE_AT_NATURAL_ORIGIN = 3092;
    private static final int STRAIGHT_VERTICAL_POLE_LONGITUDE = 3095;
    /** EPSG's codes of the UTM projections (not CRSs), which GDAL writes for a UTM zone on another datum. */
    private static final int UTM_NORTH_ZONE_1 = 16001;
    private static final int UTM_SOUTH_ZONE_1 = 16101;
    private static final int UTM_ZONES = 60;
    private static final Map<Integer, String> ELLIPSOIDS = Map.of(7019, "GRS80", 7030, "WGS84", 7008, "clrk66",
            7004, "bessel", 7022, "intl", 7024, "krass");
    private static final Map<Integer, String> DATUM_ELLIPSOIDS = Map.of(4326, "WGS84", 4258, "GRS80", 4269, "GRS80");
    private static final int DEGREE = 9102;
    private static final Map<Integer, String> UNITS = Map.of(9001, "+units=m", 9002, "+to_meter=0.3048",
            9003, "+to_meter=0.3048006096012192");

    private UserDefinedProjection() {
    }

    /**
     * @param keys    the GeoKeys whose values are short integers
     * @param numbers the GeoKeys whose values are doubles
     * @return the PROJ definition, empty when the keys give a transformation, ellipsoid or unit
     *         not known here
     */
    static Optional<String> definition(Map<Integer, Integer> keys, Map<Integer, Double> numbers) {
        Optional<String> ellipsoid = ellipsoid(keys, numbers);
        Optional<String> units = Optional.ofNullable(UNITS.get(keys.getOrDefault(LINEAR_UNITS, 9001)));
        Optional<String> projection = projection(keys, numbers);
        if (ellipsoid.isEmpty() || units.isEmpty() || projection.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(projection.get() + " " + ellipsoid.get() + " " + units.get() + " +no_defs");
    }

    /**
     * The PROJ definition of a geographic CRS in degrees, as {@link #definition} takes its keys:
     * coordinates in another angular unit (radians, grads) would be taken for degrees, so give none.
     */
    static Optional<String> geographic(Map<Integer, Integer> keys, Map<Integer, Double> numbers) {
        if (keys.getOrDefault(ANGULAR_UNITS, DEGREE) != DEGREE) {
            return Optional.empty();
        }
        return ellipsoid(keys, numbers).map(ellipsoid -> "+proj=longlat " + ellipsoid + " +no_defs");
    }

    private static Optional<String> projection(Map<Integer, Integer> keys, Map<Integer, Double> numbers) {
        int projection = keys.getOrDefault(PROJECTION, 0);
        if (projection >= UTM_NORTH_ZONE_1 && projection < UTM_NORTH_ZONE_1 + UTM_ZONES) {
            return Optional.of("+proj=utm +zone=" + (projection - UTM_NORTH_ZONE_1 + 1));
        }
        if (projection >= UTM_SOUTH_ZONE_1 && projection < UTM_SOUTH_ZONE_1 + UTM_ZONES) {
            return Optional.of("+proj=utm +zone=" + (projection - UTM_SOUTH_ZONE_1 + 1) + " +south");
        }
        Parameters p = new Parameters(numbers);
        String falseOrigin = p.value("x_0", FALSE_EASTING) + p.value("y_0", FALSE_NORTHING);
        return Optional.ofNullable(switch (keys.getOrDefault(COORDINATE_TRANSFORMATION, 0)) {
            case 1 -> "+proj=tmerc" + p.value("lat_0", NATURAL_ORIGIN_LATITUDE) + p.value("lon_0", NATURAL_ORIGIN_LONGITUDE)
                    + p.scale() + falseOrigin;
            case 7 -> "+proj=merc" + p.value("lon_0", NATURAL_ORIGIN_LONGITUDE)
                    + (numbers.containsKey(STANDARD_PARALLEL_1) ? p.value("lat_ts", STANDARD_PARALLEL_1) : p.scale())
                    + falseOrigin;
            case 8 -> "+proj=lcc" + p.value("lat_1", STANDARD_PARALLEL_1) + p.value("lat_2", STANDARD_PARALLEL_2)
                    + p.value("lat_0", FALSE_ORIGIN_LATITUDE) + p.value("lon_0", FALSE_ORIGIN_LONGITUDE)
                    + p.value("x_0", FALSE_ORIGIN_EASTING) + p.value("y_0", FALSE_ORIGIN_NORTHING);
            case 9 -> "+proj=lcc" + p.value("lat_1", NATURAL_ORIGIN_LATITUDE) + p.value("lat_0", NATURAL_ORIGIN_LATITUDE)
                    + p.value("lon_0", NATURAL_ORIGIN_LONGITUDE) + p.scale() + falseOrigin;
            case 10 -> "+proj=laea" + p.value("lat_0", CENTRE_LATITUDE) + p.value("lon_0", CENTRE_LONGITUDE) + falseOrigin;
            case 11 -> "+proj=aea" + p.value("lat_1", STANDARD_PARALLEL_1) + p.value("lat_2", STANDARD_PARALLEL_2)
                    + p.value("lat_0", NATURAL_ORIGIN_LATITUDE) + p.value("lon_0", NATURAL_ORIGIN_LONGITUDE) + falseOrigin;
            case 15 -> "+proj=stere +lat_0=" + (numbers.getOrDefault(NATURAL_ORIGIN_LATITUDE, 90.0) < 0 ? -90 : 90)
                    + p.value("lat_ts", NATURAL_ORIGIN_LATITUDE) + p.value("lon_0", STRAIGHT_VERTICAL_POLE_LONGITUDE)
                    + falseOrigin;
            case 24 -> "+proj=sinu" + p.value("lon_0", CENTRE_LONGITUDE) + falseOrigin;
            default -> null;
        });
    }

    private static Optional<String> ellipsoid(Map<Integer, Integer> keys, Map<Integer, Double> numbers) {
        return axes(Optional.ofNullable(numbers.get(SEMI_MAJOR_AXIS)), Optional.ofNullable(numbers.get(INVERSE_FLATTENING)),
                Optional.ofNullable(numbers.get(SEMI_MINOR_AXIS)))
                .or(() -> Optional.ofNullable(ELLIPSOIDS.get(keys.getOrDefault(ELLIPSOID, 0))).map(name -> "+ellps=" + name))
                .or(() -> Optional.ofNullable(DATUM_ELLIPSOIDS.get(keys.getOrDefault(GEOGRAPHIC_TYPE, 0)))
                        .map(name -> "+ellps=" + name));
    }

    /**
     * An ellipsoid given by its axes, as PROJ's {@code +a +b}: by its semi-major axis and inverse
     * flattening, or its two axes; empty when they do not say it.
     */
    static Optional<String> axes(Optional<Double> semiMajor, Optional<Double> inverseFlattening,
            Optional<Double> semiMinor) {
        Optional<Double> a = semiMajor.filter(axis -> axis > 0);
        if (a.isPresent() && inverseFlattening.filter(rf -> rf > 0).isPresent()) {
            // Proj4J takes no +rf (it then projects nothing): the semi-minor axis says the same
            return Optional.of(format("+a=%s +b=%s", a.get(), a.get() * (1 - 1 / inverseFlattening.get())));
        }
        return a.flatMap(major -> semiMinor.filter(b -> b > 0).map(minor -> format("+a=%s +b=%s", major, minor)));
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }

    /** The double GeoKeys as PROJ parameters; a key the file leaves out is 0, as GDAL takes it. */
    private record Parameters(Map<Integer, Double> numbers) {
        String value(String name, int key) {
            return format(" +%s=%s", name, numbers.getOrDefault(key, 0.0));
        }

        String scale() {
            return format(" +k=%s", numbers.getOrDefault(SCALE_AT_NATURAL_ORIGIN, 1.0));
        }
    }
}

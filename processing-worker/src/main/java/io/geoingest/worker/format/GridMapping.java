package io.geoingest.worker.format;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CRS of a NetCDF grid mapping variable (CF 5.6), in which a grid's projection coordinates
 * lie: the EPSG code that closes the well-known text CF 1.7 puts in {@code crs_wkt} and GDAL in
 * {@code spatial_ref} (the outermost identifier is the CRS's own), or an {@code epsg_code} as some
 * products write it; else a PROJ definition of the mapping's CF parameters (CF Appendix F), for
 * the projections EO and climate grids use. netCDF-Java, which maps them too, is not on Maven
 * Central.
 *
 * @param epsg       the CRS's EPSG code, where the file names one
 * @param definition else its PROJ definition, from its parameters
 */
record GridMapping(Optional<Integer> epsg, Optional<String> definition) {
    /** The text attributes read of a variable to find its CRS. */
    static final List<String> TEXT_ATTRIBUTES = List.of("grid_mapping_name", "crs_wkt", "spatial_ref", "epsg_code");
    /** The attributes that hold well-known text, longer than the other text attributes kept. */
    static final List<String> WKT_ATTRIBUTES = List.of("crs_wkt", "spatial_ref");
    /** Longest well-known text read: a projected CRS in WKT2 with its datum ensemble takes a few KiB. */
    static final int MAX_WKT = 16 * 1024;
    /** The numeric attributes of CF's grid mappings read (a standard parallel or two). */
    static final Set<String> PARAMETERS = Set.of("latitude_of_projection_origin", "longitude_of_projection_origin",
            "longitude_of_central_meridian", "straight_vertical_longitude_from_pole", "standard_parallel",
            "scale_factor_at_central_meridian", "scale_factor_at_projection_origin", "false_easting", "false_northing",
            "semi_major_axis", "semi_minor_axis", "inverse_flattening", "earth_radius");
    /** The identifier that closes the text: WKT1's AUTHORITY["EPSG","32632"], WKT2's ID["EPSG",32632]. */
    private static final Pattern OUTERMOST_EPSG = Pattern.compile(
            "(?:AUTHORITY|ID)\\[\\s*\"EPSG\"\\s*,\\s*\"?(\\d{1,9})\"?\\s*(?:,[^\\[\\]]*)?]\\s*]\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern EPSG_CODE = Pattern.compile("\\s*(?:EPSG:)?(\\d{1,9})\\s*", Pattern.CASE_INSENSITIVE);

    /**
     * The CRS of a grid mapping variable, by its text and numeric attributes; empty for any other
     * variable, and for a mapping neither named by a code nor of a projection known here.
     */
    static Optional<GridMapping> of(Map<String, String> text, Map<String, double[]> numbers) {
        if (!text.containsKey("grid_mapping_name") && WKT_ATTRIBUTES.stream().noneMatch(text::containsKey)) {
            return Optional.empty();
        }
        Optional<GridMapping> named = epsg(text).map(code -> new GridMapping(Optional.of(code), Optional.empty()));
        return named.or(() -> projection(text.getOrDefault("grid_mapping_name", ""), new Parameters(numbers))
                .map(definition -> new GridMapping(Optional.empty(), Optional.of(definition))));
    }

    /** Where the grid's box lies in WGS84. */
    Optional<Bounds> wgs84(Bounds box) {
        return epsg.isPresent() ? Wgs84.fromEpsg(epsg.get(), box) : definition.flatMap(text -> Wgs84.fromDefinition(text, box));
    }

    Optional<Wgs84.PointTransform> toLonLat() {
        return epsg.isPresent() ? Wgs84.pointTransform(epsg.get()) : definition.flatMap(Wgs84::pointTransform);
    }

    private static Optional<Integer> epsg(Map<String, String> text) {
        for (String name : WKT_ATTRIBUTES) {
            Matcher code = OUTERMOST_EPSG.matcher(text.getOrDefault(name, ""));
            if (code.find()) {
                return Optional.of(Integer.parseInt(code.group(1)));
            }
        }
        Matcher code = EPSG_CODE.matcher(text.getOrDefault("epsg_code", ""));
        return code.matches() ? Optional.of(Integer.parseInt(code.group(1))) : Optional.empty();
    }

    /** The projection of a CF grid mapping in PROJ's terms, with its ellipsoid, in metres. */
    private static Optional<String> projection(String name, Parameters p) {
        String falseOrigin = p.value("x_0", "false_easting") + p.value("y_0", "false_northing");
        String projection = switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "transverse_mercator" -> "+proj=tmerc" + p.value("lat_0", "latitude_of_projection_origin")
                    + p.value("lon_0", "longitude_of_central_meridian")
                    + p.scale("scale_factor_at_central_meridian");
            case "polar_stereographic" -> "+proj=stere +lat_0=" + (p.first("latitude_of_projection_origin", 90) < 0 ? -90 : 90)
                    + p.value("lon_0", "straight_vertical_longitude_from_pole")
                    + (p.has("standard_parallel") ? p.value("lat_ts", "standard_parallel")
                            : p.scale("scale_factor_at_projection_origin"));
            case "stereographic" -> "+proj=stere" + p.value("lat_0", "latitude_of_projection_origin")
                    + p.value("lon_0", "longitude_of_projection_origin") + p.scale("scale_factor_at_projection_origin");
            case "lambert_conformal_conic" -> "+proj=lcc" + p.parallels() + p.value("lat_0", "latitude_of_projection_origin")
                    + p.value("lon_0", "longitude_of_central_meridian");
            case "albers_conical_equal_area" -> "+proj=aea" + p.parallels()
                    + p.value("lat_0", "latitude_of_projection_origin") + p.value("lon_0", "longitude_of_central_meridian");
            case "lambert_azimuthal_equal_area" -> "+proj=laea" + p.value("lat_0", "latitude_of_projection_origin")
                    + p.value("lon_0", "longitude_of_projection_origin");
            case "azimuthal_equidistant" -> "+proj=aeqd" + p.value("lat_0", "latitude_of_projection_origin")
                    + p.value("lon_0", "longitude_of_projection_origin");
            case "orthographic" -> "+proj=ortho" + p.value("lat_0", "latitude_of_projection_origin")
                    + p.value("lon_0", "longitude_of_projection_origin");
            case "mercator" -> "+proj=merc" + p.value("lon_0", "longitude_of_projection_origin")
                    + (p.has("standard_parallel") ? p.value("lat_ts", "standard_parallel")
                            : p.scale("scale_factor_at_projection_origin"));
            case "lambert_cylindrical_equal_area" -> "+proj=cea" + p.value("lon_0", "longitude_of_central_meridian")
                    + p.value("lat_ts", "standard_parallel");
            case "sinusoidal" -> "+proj=sinu" + p.value("lon_0", "longitude_of_central_meridian");
            default -> "";
        };
        return projection.isEmpty() ? Optional.empty()
                : Optional.of(projection + falseOrigin + p.ellipsoid() + " +units=m +no_defs");
    }

    /** A mapping's numeric attributes as PROJ parameters; one the file leaves out is 0, as CF's defaults are. */
    private record Parameters(Map<String, double[]> numbers) {
        boolean has(String name) {
            return numbers.containsKey(name) && numbers.get(name).length > 0;
        }

        double first(String name, double otherwise) {
            return has(name) ? numbers.get(name)[0] : otherwise;
        }

        String value(String parameter, String name) {
            return format(" +%s=%s", parameter, first(name, 0));
        }

        String scale(String name) {
            return format(" +k=%s", first(name, 1));
        }

        /** One standard parallel or two (CF gives them as one attribute). */
        String parallels() {
            double[] parallels = has("standard_parallel") ? numbers.get("standard_parallel") : new double[] {0};
            return format(" +lat_1=%s +lat_2=%s", parallels[0], parallels[parallels.length > 1 ? 1 : 0]);
        }

        /**
         * CF's ellipsoid, or its sphere (an earth radius, or a semi-major axis alone or with an
         * inverse flattening of 0, as GDAL writes one); WGS84's where the file names none (CF
         * leaves the datum unsaid then).
         */
        String ellipsoid() {
            Optional<Double> sphere = has("earth_radius") ? number("earth_radius") : number("semi_major_axis");
            return " " + UserDefinedProjection.axes(number("semi_major_axis"), number("inverse_flattening"),
                            number("semi_minor_axis"))
                    .or(() -> sphere.filter(radius -> radius > 0).map(radius -> format("+a=%s +b=%s", radius, radius)))
                    .orElse("+ellps=WGS84");
        }

        private Optional<Double> number(String name) {
            return has(name) ? Optional.of(numbers.get(name)[0]) : Optional.empty();
        }

        private static String format(String pattern, Object... values) {
            return String.format(Locale.ROOT, pattern, values);
        }
    }
}

package io.geoingest.worker.format;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The EPSG code of a NetCDF grid mapping variable (CF 5.6), which says in what CRS a grid's
 * projection coordinates lie: from the well-known text CF 1.7 puts in {@code crs_wkt} and GDAL in
 * {@code spatial_ref}, whose outermost identifier is the CRS's own, or from an {@code epsg_code}
 * as some products write it. A mapping given by its CF parameters only names no code.
 */
final class GridMapping {
    /** The attributes read of a variable to find its CRS. */
    static final List<String> ATTRIBUTES = List.of("grid_mapping_name", "crs_wkt", "spatial_ref", "epsg_code");
    /** The attributes that hold well-known text, longer than the other text attributes kept. */
    static final List<String> WKT_ATTRIBUTES = List.of("crs_wkt", "spatial_ref");
    /** Longest well-known text read: a projected CRS in WKT2 with its datum ensemble takes a few KiB. */
    static final int MAX_WKT = 16 * 1024;
    /** The identifier that closes the text: WKT1's AUTHORITY["EPSG","32632"], WKT2's ID["EPSG",32632]. */
    private static final Pattern OUTERMOST_EPSG = Pattern.compile(
            "(?:AUTHORITY|ID)\\[\\s*\"EPSG\"\\s*,\\s*\"?(\\d{1,9})\"?\\s*(?:,[^\\[\\]]*)?]\\s*]\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern EPSG_CODE = Pattern.compile("\\s*(?:EPSG:)?(\\d{1,9})\\s*", Pattern.CASE_INSENSITIVE);

    private GridMapping() {
    }

    /** The EPSG code of a grid mapping variable, by its text attributes; empty for any other variable. */
    static Optional<Integer> epsg(Map<String, String> attributes) {
        if (!attributes.containsKey("grid_mapping_name") && WKT_ATTRIBUTES.stream().noneMatch(attributes::containsKey)) {
            return Optional.empty();
        }
        for (String name : WKT_ATTRIBUTES) {
            Matcher code = OUTERMOST_EPSG.matcher(attributes.getOrDefault(name, ""));
            if (code.find()) {
                return Optional.of(Integer.parseInt(code.group(1)));
            }
        }
        Matcher code = EPSG_CODE.matcher(attributes.getOrDefault("epsg_code", ""));
        return code.matches() ? Optional.of(Integer.parseInt(code.group(1))) : Optional.empty();
    }
}

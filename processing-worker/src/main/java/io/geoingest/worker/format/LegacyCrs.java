package io.geoingest.worker.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code crs} member of GeoJSON as the 2008 specification had it, which RFC 7946 dropped but
 * GDAL (without {@code RFC7946=YES}) and QGIS still write for data in another CRS than WGS84:
 * {@code {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2056"}}}, or in the
 * older {@code {"type": "EPSG", "properties": {"code": 2056}}}.
 *
 * @param epsg empty for OGC's CRS84, which is WGS84 longitude and latitude
 */
record LegacyCrs(OptionalInt epsg) {
    private static final Pattern EPSG_NAME = Pattern.compile("(?i)(?:urn:ogc:def:crs:EPSG:[0-9.]*:|EPSG:)(\\d{1,9})");
    private static final Pattern CRS84_NAME = Pattern.compile("(?i)urn:ogc:def:crs:OGC:[0-9.]*:CRS84");

    /** @return empty for a member that names no CRS the worker knows (it is then ignored, as RFC 7946 says) */
    static Optional<LegacyCrs> of(JsonNode member) {
        JsonNode properties = member.path("properties");
        String type = member.path("type").asText();
        if (type.equalsIgnoreCase("EPSG") && properties.path("code").canConvertToInt()) {
            return Optional.of(new LegacyCrs(OptionalInt.of(properties.path("code").asInt())));
        }
        if (!type.equals("name") || !properties.path("name").isTextual()) {
            return Optional.empty();
        }
        String name = properties.path("name").asText().trim();
        if (CRS84_NAME.matcher(name).matches()) {
            return Optional.of(new LegacyCrs(OptionalInt.empty()));
        }
        Matcher epsg = EPSG_NAME.matcher(name);
        return epsg.matches() ? Optional.of(new LegacyCrs(OptionalInt.of(Integer.parseInt(epsg.group(1)))))
                : Optional.empty();
    }

    /** GeoJSON's own longitude and latitude: CRS84, or EPSG:4326 as GeoJSON has always read it (longitude first). */
    boolean isWgs84() {
        return epsg.isEmpty() || epsg.getAsInt() == Wgs84.EPSG_WGS84;
    }
}

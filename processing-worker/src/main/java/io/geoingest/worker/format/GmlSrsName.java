package io.geoingest.worker.format;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GML {@code srsName} that names an EPSG CRS, and the order of its axes: an EPSG URN or URL
 * ({@code urn:ogc:def:crs:EPSG::4326}, {@code http://www.opengis.net/def/crs/EPSG/0/4326}) names
 * them in EPSG's order, latitude first for a geographic CRS, where the older forms
 * ({@code EPSG:4326}, {@code http://www.opengis.net/gml/srs/epsg.xml#4326}) mean longitude first.
 * OGC's CRS84 ({@code urn:ogc:def:crs:OGC:1.3:CRS84}, {@code http://www.opengis.net/def/crs/OGC/1.3/CRS84})
 * is WGS 84 with longitude first by definition.
 */
record GmlSrsName(int epsg, boolean latitudeFirst) {
    private static final Pattern EPSG_CODE = Pattern.compile("(?i)EPSG(?::[^:]*:|/[^/]*/|:|\\.xml#)(\\d{1,9})$");
    private static final Pattern CRS84 = Pattern.compile("(?i)OGC(?::[^:]*:|/[^/]*/)CRS84$");

    static Optional<GmlSrsName> parse(String srsName) {
        String name = srsName.trim();
        if (CRS84.matcher(name).find()) {
            return Optional.of(new GmlSrsName(Wgs84.EPSG_WGS84, false));
        }
        Matcher code = EPSG_CODE.matcher(name);
        if (!code.find()) {
            return Optional.empty();
        }
        int epsg = Integer.parseInt(code.group(1));
        String lowerCase = name.toLowerCase(Locale.ROOT);
        boolean eastFirstForm = lowerCase.startsWith("epsg:") || lowerCase.contains("epsg.xml#");
        return Optional.of(new GmlSrsName(epsg, !eastFirstForm && Wgs84.isGeographic(epsg)));
    }
}

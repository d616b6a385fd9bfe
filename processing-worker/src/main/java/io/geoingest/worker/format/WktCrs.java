package io.geoingest.worker.format;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The EPSG code a CRS given in WKT (OGC's WKT 1, ESRI's, or WKT 2) is placed by, for the files that
 * give a definition without a code the worker reads: a GeoPackage's SRS filed under another
 * organisation than EPSG, a FlatGeobuf header's CRS without a code, a shapefile's {@code .prj}.
 */
final class WktCrs {
    /** An EPSG authority or identifier that ends a WKT definition: the definition's own. */
    private static final Pattern OWN_AUTHORITY = Pattern.compile(
            "(?:AUTHORITY\\[\\s*\"EPSG\"\\s*,\\s*\"?|ID\\[\\s*\"EPSG\"\\s*,\\s*)(\\d{1,9})\"?\\s*\\]\\s*\\]\\s*$");
    private static final Pattern GEOGRAPHIC = Pattern.compile("^\\s*GEOGC(?:S|RS)\\[");
    private static final Pattern PRIME_MERIDIAN = Pattern.compile("\\bPRIMEM\\[\\s*\"[^\"]*\"\\s*,\\s*([-+.\\dEe]+)");
    /** The angular units of a geographic CRS: WKT 1 has no other units there, WKT 2 also length units for its ellipsoid. */
    private static final Pattern ANGLE_UNIT = Pattern.compile("\\b(?:ANGLEUNIT|UNIT)\\[\\s*\"[^\"]*\"\\s*,\\s*([-+.\\dEe]+)");
    private static final double DEGREE = Math.PI / 180;
    /** WGS 84 as OGC's WKT 1, ESRI's and WKT 2 name its datum (or its realisations, a metre apart at most). */
    private static final Pattern WGS84_DATUM = Pattern.compile(
            "\\b(?:DATUM|ENSEMBLE)\\[\\s*\"(?:D_)?(?:WGS_1984|WGS 84|World[ _]Geodetic[ _]System[ _]1984)");
    /** OGC's CRS84, WGS 84 longitude and latitude, by its identifier or its name. */
    private static final Pattern CRS84 = Pattern.compile(
            "\\b(?:ID|AUTHORITY)\\[\\s*\"OGC\"\\s*,\\s*\"CRS84\"\\s*\\]|^\\s*GEOGC(?:S|RS)\\[\\s*\"[^\"]*\\bCRS84\\b");

    private WktCrs() {
    }

    /**
     * The code the definition names for itself (its last authority, which closes the whole
     * definition: {@code AUTHORITY["EPSG","4326"]]} in WKT 1, {@code ID["EPSG",4326]]} in WKT 2),
     * else 4326 for WGS 84 longitude and latitude without a code, as GDAL writes OGC's CRS84.
     *
     * @param definition null where the file gives none (a database NULL, a header without WKT)
     */
    static OptionalInt epsg(String definition) {
        if (definition == null) {
            return OptionalInt.empty();
        }
        OptionalInt own = ownEpsg(definition);
        if (own.isPresent()) {
            return own;
        }
        boolean wgs84 = isGeographic(definition) && CRS84.matcher(definition).find()
                || isGeographicInDegrees(definition) && WGS84_DATUM.matcher(definition).find();
        return wgs84 ? OptionalInt.of(Wgs84.EPSG_WGS84) : OptionalInt.empty();
    }

    /** The EPSG code the definition names for itself, in its last authority. */
    static OptionalInt ownEpsg(String definition) {
        Matcher authority = OWN_AUTHORITY.matcher(definition);
        return authority.find() ? OptionalInt.of(Integer.parseInt(authority.group(1))) : OptionalInt.empty();
    }

    /** Whether the CRS is geographic. */
    static boolean isGeographic(String definition) {
        return GEOGRAPHIC.matcher(definition).find();
    }

    /**
     * Whether the CRS is geographic in degrees east of Greenwich: longitudes and latitudes as WGS 84
     * has them, within the metres another datum is off, and not grads from Paris (NTF Paris).
     */
    static boolean isGeographicInDegrees(String definition) {
        if (!isGeographic(definition)) {
            return false;
        }
        Matcher meridian = PRIME_MERIDIAN.matcher(definition);
        while (meridian.find()) {
            if (number(meridian.group(1)) != 0) {
                return false;
            }
        }
        Matcher unit = ANGLE_UNIT.matcher(definition);
        boolean anyUnit = false;
        while (unit.find()) {
            boolean degree = Math.abs(number(unit.group(1)) / DEGREE - 1) < 1e-9;
            if (!degree) {
                return false;
            }
            anyUnit = true;
        }
        return anyUnit;
    }

    private static double number(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException notANumber) {
            return Double.NaN;
        }
    }
}

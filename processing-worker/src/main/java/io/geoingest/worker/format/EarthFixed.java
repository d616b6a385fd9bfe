package io.geoingest.worker.format;

import org.locationtech.proj4j.ProjCoordinate;
import org.locationtech.proj4j.datum.Ellipsoid;
import org.locationtech.proj4j.datum.GeocentricConverter;

/**
 * Earth-centred, earth-fixed cartesian coordinates (metres on the WGS84 axes, as CZML and 3D Tiles
 * write places) as WGS84 longitude, latitude and height.
 */
final class EarthFixed {
    private static final GeocentricConverter CONVERTER = new GeocentricConverter(Ellipsoid.WGS84);

    private EarthFixed() {
    }

    /** Sets {@code position}, given in metres, to its longitude and latitude in degrees and its height in metres. */
    static void toLonLatHeight(ProjCoordinate position) {
        CONVERTER.convertGeocentricToGeodetic(position);
        position.x = Math.toDegrees(position.x);
        position.y = Math.toDegrees(position.y);
    }
}

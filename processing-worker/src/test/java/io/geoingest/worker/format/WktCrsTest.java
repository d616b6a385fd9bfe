package io.geoingest.worker.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The EPSG code of CRSs as GDAL, PROJ and ESRI write them in WKT. */
class WktCrsTest {
    private static final String WGS84 = "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,"
            + "AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0],"
            + "UNIT[\"degree\",0.0174532925199433],AUTHORITY[\"EPSG\",\"4326\"]]";

    /** An SRS filed under another organisation than EPSG is known by the authority its WKT ends with. */
    @Test
    void aDefinitionNamesItsOwnEpsgCodeAtItsEnd() {
        assertEquals(OptionalInt.of(4326), WktCrs.epsg(WGS84));
        assertEquals(OptionalInt.of(2056), WktCrs.epsg(
                "PROJCRS[\"CH1903+ / LV95\",BASEGEOGCRS[\"CH1903+\",ID[\"EPSG\",4150]],ID[\"EPSG\",2056]]"));
        assertEquals(OptionalInt.empty(), WktCrs.epsg(
                "PROJCS[\"CH1903+_LV95\",GEOGCS[\"GCS_CH1903+\",AUTHORITY[\"EPSG\",\"4150\"]]]"), "only its base CRS's");
        assertEquals(OptionalInt.empty(), WktCrs.epsg("undefined"));
    }

    /** OGC's CRS84 as GDAL writes it without a code (GeoPackage, FlatGeobuf), and as PROJ names it. */
    @Test
    void wgs84LongitudeAndLatitudeWithoutACodeIs4326() {
        String gdalWkt1 = "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,"
                + "AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,"
                + "AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],"
                + "AXIS[\"Longitude\",EAST],AXIS[\"Latitude\",NORTH]]";
        String gdalWkt2 = "GEOGCRS[\"WGS 84\",DATUM[\"World Geodetic System 1984\",ELLIPSOID[\"WGS 84\",6378137,"
                + "298.257223563,LENGTHUNIT[\"metre\",1]],ID[\"EPSG\",6326]],PRIMEM[\"Greenwich\",0,"
                + "ANGLEUNIT[\"degree\",0.0174532925199433],ID[\"EPSG\",8901]],CS[ellipsoidal,2],"
                + "AXIS[\"longitude\",east,ORDER[1],ANGLEUNIT[\"degree\",0.0174532925199433,ID[\"EPSG\",9122]]],"
                + "AXIS[\"latitude\",north,ORDER[2],ANGLEUNIT[\"degree\",0.0174532925199433,ID[\"EPSG\",9122]]]]";
        String projCrs84 = "GEOGCRS[\"WGS 84 (CRS84)\",ENSEMBLE[\"World Geodetic System 1984 ensemble\","
                + "MEMBER[\"World Geodetic System 1984 (G2139)\"],ELLIPSOID[\"WGS 84\",6378137,298.257223563]],"
                + "CS[ellipsoidal,2],AXIS[\"geodetic longitude (Lon)\",east,ORDER[1]],"
                + "ANGLEUNIT[\"degree\",0.0174532925199433],ID[\"OGC\",\"CRS84\"]]";
        assertEquals(OptionalInt.of(4326), WktCrs.epsg(gdalWkt1));
        assertEquals(OptionalInt.of(4326), WktCrs.epsg(gdalWkt2));
        assertEquals(OptionalInt.of(4326), WktCrs.epsg(projCrs84));
        assertEquals(OptionalInt.empty(), WktCrs.epsg(gdalWkt1.replace("WGS_1984", "Potsdam_Datum_83")), "another datum");
        assertEquals(OptionalInt.empty(), WktCrs.epsg(gdalWkt1.replace("0.0174532925199433", "0.0157079632679489")),
                "grads");
        assertEquals(OptionalInt.empty(), WktCrs.epsg("PROJCRS[\"WGS 84 / Pseudo-Mercator\",BASEGEOGCRS[\"WGS 84\","
                + "DATUM[\"World Geodetic System 1984\"],ID[\"OGC\",\"CRS84\"]],CONVERSION[\"Popular Visualisation\"]]"),
                "projected from CRS84");
        assertEquals(OptionalInt.empty(), WktCrs.epsg(null));
    }

    /** NTF Paris, as GDAL writes its .prj: grads from the meridian of Paris, not degrees from Greenwich. */
    @Test
    void onlyDegreesFromGreenwichAreLongitudeAndLatitudeAsWgs84HasThem() {
        String esriWgs84 = "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],"
                + "PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";
        String ntfParis = "GEOGCS[\"GCS_NTF_Paris\",DATUM[\"D_NTF\",SPHEROID[\"Clarke_1880_IGN\",6378249.2,293.466021293627]],"
                + "PRIMEM[\"Paris\",2.33722917],UNIT[\"Grad\",0.0157079632679489]]";
        assertTrue(WktCrs.isGeographicInDegrees(esriWgs84));
        assertFalse(WktCrs.isGeographicInDegrees(ntfParis));
        assertFalse(WktCrs.isGeographicInDegrees(ntfParis.replace("2.33722917", "0")), "grads from Greenwich");
        assertFalse(WktCrs.isGeographicInDegrees(esriWgs84.replace("0.0],", "2.33722917],")), "degrees from Paris");
        assertFalse(WktCrs.isGeographicInDegrees("PROJCS[\"WGS_1984_UTM_Zone_32N\"," + esriWgs84 + "]"), "projected");
    }
}

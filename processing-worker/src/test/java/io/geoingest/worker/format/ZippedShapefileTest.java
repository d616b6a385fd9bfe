package io.geoingest.worker.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The EPSG code a layer's .prj places it by, as ogr2ogr and other tools write them. */
class ZippedShapefileTest {
    @Test
    void geographicCoordinatesUtmZonesOnWgs84AndNamedCodesPlaceALayer() {
        assertEquals(OptionalInt.of(4326), ZippedShapefile.epsg("GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\"]]"));
        assertEquals(OptionalInt.of(32632), ZippedShapefile.epsg("PROJCS[\"WGS_1984_UTM_Zone_32N\",GEOGCS[]]"));
        assertEquals(OptionalInt.of(32719), ZippedShapefile.epsg("PROJCS[\"WGS_1984_UTM_Zone_19S\",GEOGCS[]]"));
        assertEquals(OptionalInt.empty(), ZippedShapefile.epsg("PROJCS[\"WGS_1984_UTM_Zone_61N\",GEOGCS[]]"));
        assertEquals(OptionalInt.of(2056), ZippedShapefile.epsg("PROJCS[\"CH1903+ / LV95\",GEOGCS[\"CH1903+\","
                + "AUTHORITY[\"EPSG\",\"4150\"]],AUTHORITY[\"EPSG\",\"2056\"]]"));
        assertEquals(OptionalInt.empty(), ZippedShapefile.epsg("PROJCS[\"CH1903+_LV95\",GEOGCS[\"GCS_CH1903+\"]]"));
    }
}

package io.geoingest.worker.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import javax.imageio.stream.FileImageInputStream;
import org.junit.jupiter.api.Test;

/** The EPSG code a layer's .prj places it by, as ogr2ogr and other tools write them, and zipped shapefiles made with them. */
class ZippedShapefileTest {
    /** The three points of points.geojson, the box of the layers made from them in WGS84 (fixtures/README.md). */
    private static final Bounds POINTS = new Bounds(6.1432, 46.0037, 8.9511, 47.5596);

    private static FormatReport read(String fixture) throws Exception {
        File file = new File(ZippedShapefileTest.class.getResource("/fixtures/" + fixture).toURI());
        try (FileImageInputStream in = new FileImageInputStream(file)) {
            return ZipContents.read(in, false);
        }
    }

    private static void assertBox(List<Double> expected, JsonNode box) {
        for (int i = 0; i < 4; i++) {
            assertEquals(expected.get(i), box.path(i).asDouble(), 1e-6, box::toString);
        }
    }

    @Test
    void geographicCoordinatesUtmZonesOnWgs84AndNamedCodesPlaceALayer() {
        assertEquals(OptionalInt.of(4326), ZippedShapefile.epsg("GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\","
                + "SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],"
                + "UNIT[\"Degree\",0.0174532925199433]]"));
        assertEquals(OptionalInt.of(32632), ZippedShapefile.epsg("PROJCS[\"WGS_1984_UTM_Zone_32N\",GEOGCS[]]"));
        assertEquals(OptionalInt.of(32719), ZippedShapefile.epsg("PROJCS[\"WGS_1984_UTM_Zone_19S\",GEOGCS[]]"));
        assertEquals(OptionalInt.empty(), ZippedShapefile.epsg("PROJCS[\"WGS_1984_UTM_Zone_61N\",GEOGCS[]]"));
        assertEquals(OptionalInt.of(2056), ZippedShapefile.epsg("PROJCS[\"CH1903+ / LV95\",GEOGCS[\"CH1903+\","
                + "AUTHORITY[\"EPSG\",\"4150\"]],AUTHORITY[\"EPSG\",\"2056\"]]"));
        assertEquals(OptionalInt.empty(), ZippedShapefile.epsg("PROJCS[\"CH1903+_LV95\",GEOGCS[\"GCS_CH1903+\"]]"));
    }

    /** ESRI's names of the projections most data comes in, as GDAL writes them (gdalsrsinfo -o wkt_esri). */
    @Test
    void esrisNamesOfCommonProjectionsGiveTheirCodes() {
        assertEquals(OptionalInt.of(25832), ZippedShapefile.epsg("PROJCS[\"ETRS_1989_UTM_Zone_32N\",GEOGCS[]]"));
        assertEquals(OptionalInt.of(26910), ZippedShapefile.epsg("PROJCS[\"NAD_1983_UTM_Zone_10N\",GEOGCS[]]"));
        assertEquals(OptionalInt.of(3857), ZippedShapefile.epsg(
                "PROJCS[\"WGS_1984_Web_Mercator_Auxiliary_Sphere\",GEOGCS[]]"));
        assertEquals(OptionalInt.empty(), ZippedShapefile.epsg("PROJCS[\"ETRS_1989_UTM_Zone_10N\",GEOGCS[]]"),
                "EPSG has no such zone");
        assertEquals(OptionalInt.empty(), ZippedShapefile.epsg("PROJCS[\"NAD_1983_UTM_Zone_10S\",GEOGCS[]]"));
    }

    /** GDAL's .prj of NTF Paris (EPSG:4807): grads east of Paris, which read as degrees lay Swiss towns in the Netherlands. */
    @Test
    void aLayerInGradsFromParisIsNotPlaced() throws Exception {
        FormatReport report = read("shapefile-ntf-paris.zip");

        assertEquals(Optional.empty(), report.problem());
        JsonNode layer = report.details().path("layers").path(0);
        assertEquals("GCS_NTF_Paris", layer.path("crs").asText());
        assertFalse(layer.has("epsg"), layer::toString);
        assertTrue(layer.has("bbox"), "its box in its own coordinates");
        assertEquals(Optional.empty(), report.wgs84Bounds());
    }

    /**
     * ESRI's WKT of ETRS89 / UTM 32N and of Web Mercator names no code, but ESRI's names give them;
     * LV95's is placed by the .qpj QGIS wrote beside it. The WGS84 boxes are GDAL's (fixtures/README.md).
     */
    @Test
    void layersInCommonProjectionsOrWithAQpjArePlaced() throws Exception {
        FormatReport report = read("shapefile-esri-names.zip");

        assertEquals(Optional.empty(), report.problem());
        JsonNode layers = report.details().path("layers");
        assertEquals("places_etrs89", layers.path(0).path("name").asText());
        assertEquals(25832, layers.path(0).path("epsg").asInt());
        assertBox(List.of(6.0718808, 45.9682943, 8.9511, 47.5682736), layers.path(0).path("bboxWgs84"));
        assertEquals(3857, layers.path(1).path("epsg").asInt());
        assertBox(List.of(6.1432, 46.0037, 8.9511, 47.5596), layers.path(1).path("bboxWgs84"));
        assertEquals("places_lv95", layers.path(2).path("name").asText());
        assertEquals("CH1903+_LV95", layers.path(2).path("crs").asText(), "the .prj's name");
        assertEquals(2056, layers.path(2).path("epsg").asInt());
        JsonNode lv95 = layers.path(2).path("bboxWgs84");
        List<Double> expected = List.of(6.11028689, 46.0037, 8.99510856, 47.55969168);
        for (int i = 0; i < 4; i++) {
            assertEquals(expected.get(i), lv95.path(i).asDouble(), 1e-4, lv95::toString);
        }
    }

    /**
     * A ZIP made on a Mac holds AppleDouble resource forks named after the files ({@code
     * __MACOSX/._places.shp}, or {@code ._places.shp} beside it): no layers, which failed the file
     * as a shapefile without a shapefile's header.
     */
    @Test
    void macOsResourceForksAreNoLayers() throws Exception {
        FormatReport report = read("shapefile-macos.zip");

        assertEquals(Optional.empty(), report.problem());
        assertEquals(Format.SHAPEFILE, report.format());
        assertEquals(1, report.details().path("layerCount").asInt());
        assertEquals(3, report.details().path("featureCount").asInt());
        assertEquals(Optional.of(POINTS), report.wgs84Bounds());
    }

    /** No retry reads a layer that is encrypted or whose deflated data is damaged: the file fails at once, saying why. */
    @Test
    void aLayerThatCannotBeUnpackedFailsTheFile() throws Exception {
        assertEquals(Optional.of("the shapefile places.shp cannot be unpacked: it is encrypted; upload the ZIP without"
                + " a password"), read("shapefile-encrypted.zip").problem());

        FormatReport damaged = read("shapefile-damaged.zip");
        assertEquals(Format.SHAPEFILE, damaged.format());
        String problem = damaged.problem().orElseThrow();
        assertTrue(problem.startsWith("the shapefile places.shp cannot be unpacked: its compressed data is damaged ("),
                problem);
    }
}

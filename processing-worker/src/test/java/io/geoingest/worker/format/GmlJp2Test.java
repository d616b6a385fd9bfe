package io.geoingest.worker.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GmlJp2Test {

    /**
     * An EPSG URN names the axes in EPSG's order (latitude first); {@code EPSG:4326} alone, as x and
     * y; OGC's CRS84 is WGS 84 longitude first.
     */
    @Test
    void theAxisOrderFollowsHowTheCrsIsNamed() {
        Bounds box = new Bounds(7.0, 46.5, 8.0, 47.0);

        assertEquals(Optional.of(box), bounds(grid("urn:ogc:def:crs:EPSG::4326", "46.975 7.025", "0 0.05", "-0.05 0")));
        assertEquals(Optional.of(box), bounds(grid("http://www.opengis.net/def/crs/EPSG/0/4326", "46.975 7.025", "0 0.05", "-0.05 0")));
        assertEquals(Optional.of(box), bounds(grid("EPSG:4326", "7.025 46.975", "0.05 0", "0 -0.05")));
        assertEquals(Optional.of(box), bounds(grid("urn:ogc:def:crs:OGC:1.3:CRS84", "7.025 46.975", "0.05 0", "0 -0.05")));
    }

    /**
     * The grid gives the affine map from its pixels' outer corners, in STAC's {@code proj:transform}
     * order and in x, y whatever the axis order of the GML, as GDAL's geotransform gives it.
     */
    @Test
    void theGridGivesTheTransformOfItsPixels() {
        for (String xml : List.of(grid("urn:ogc:def:crs:EPSG::4326", "46.975 7.025", "0 0.05", "-0.05 0"),
                grid("EPSG:4326", "7.025 46.975", "0.05 0", "0 -0.05"))) {
            double[] transform = GmlJp2.rectifiedGrid(xml.getBytes(StandardCharsets.UTF_8)).orElseThrow().transform()
                    .orElseThrow();
            assertArrayEquals(new double[] {0.05, 0, 7.0, 0, -0.05, 47.0}, transform, 1e-12);
        }
    }

    /**
     * The box comes from the file, which is not trusted: a document with a document type is not
     * read at all, so that no entity it declares reads a file or a URL.
     */
    @Test
    void aDocumentWithADocumentTypeIsNotRead() {
        String withDocumentType = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/hostname\">]>"
                + grid("EPSG:4326", "7.025 46.975", "0.05 0", "0 -0.05");

        assertEquals(Optional.empty(), GmlJp2.rectifiedGrid(withDocumentType.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aGridInACrsWithoutAnEpsgCodeIsNotPlaced() {
        assertEquals(Optional.empty(), bounds(grid("urn:ogc:def:crs:IGNF::LAMB93", "652500 6862500", "50 0", "0 -50")));
    }

    private static Optional<Bounds> bounds(String xml) {
        return GmlJp2.rectifiedGrid(xml.getBytes(StandardCharsets.UTF_8)).flatMap(GeoTiffGeoreference::bounds);
    }

    /** A grid of 20 x 10 pixels, as GDAL writes it (GML 3.1), with its origin at the centre of the first pixel. */
    private static String grid(String srsName, String origin, String alongI, String alongJ) {
        return """
                <gml:FeatureCollection xmlns:gml="http://www.opengis.net/gml"><gml:featureMember>
                <gml:RectifiedGridCoverage dimension="2"><gml:rectifiedGridDomain><gml:RectifiedGrid dimension="2">
                <gml:limits><gml:GridEnvelope><gml:low>0 0</gml:low><gml:high>19 9</gml:high></gml:GridEnvelope></gml:limits>
                <gml:origin><gml:Point srsName="%1$s"><gml:pos>%2$s</gml:pos></gml:Point></gml:origin>
                <gml:offsetVector srsName="%1$s">%3$s</gml:offsetVector><gml:offsetVector srsName="%1$s">%4$s</gml:offsetVector>
                </gml:RectifiedGrid></gml:rectifiedGridDomain></gml:RectifiedGridCoverage></gml:featureMember>
                </gml:FeatureCollection>
                """.formatted(srsName, origin, alongI, alongJ);
    }
}

package io.geoingest.common.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

class LonLatBoxTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Geometry geometry(String geoJson) throws Exception {
        return GeoJsonGeometries.read(JSON.readTree(geoJson)).orElseThrow();
    }

    /** RFC 7946's own example: Fiji, split at the antimeridian, has the box across it. */
    @Test
    void aGeometrySplitAtTheAntimeridianHasTheBoxAcrossIt() throws Exception {
        LonLatBox box = LonLatBox.of(geometry("""
                {"type": "MultiPolygon", "coordinates": [
                  [[[177, -20], [180, -20], [180, -16], [177, -16], [177, -20]]],
                  [[[-180, -20], [-178, -20], [-178, -16], [-180, -16], [-180, -20]]]]}"""));

        assertEquals(new LonLatBox(177, -20, -178, -16), box);
        assertTrue(box.crossesTheAntimeridian());
        assertEquals(List.of(new Envelope(177, 180, -20, -16), new Envelope(-180, -178, -20, -16)), box.halves());
    }

    /** Russia's mainland from 19 east to 180 and Chukotka beyond it to 169 west: not the whole world. */
    @Test
    void theBoxLeavesOutTheWidestStretchNoPartCovers() throws Exception {
        LonLatBox box = LonLatBox.of(geometry("""
                {"type": "GeometryCollection", "geometries": [
                  {"type": "Polygon", "coordinates": [[[19, 41], [180, 41], [180, 82], [19, 82], [19, 41]]]},
                  {"type": "Polygon", "coordinates": [[[-180, 64], [-169, 64], [-169, 71], [-180, 71], [-180, 64]]]},
                  {"type": "Point", "coordinates": [-175, 66]}]}"""));

        assertEquals(new LonLatBox(19, 41, -169, 82), box);
    }

    /** RFC 7946's example of a bbox (5.2): features on either side of the antimeridian, none on it. */
    @Test
    void partsOnEitherSideOfTheAntimeridianHaveTheBoxAcrossIt() throws Exception {
        assertEquals(new LonLatBox(177, -20, -178, -16), LonLatBox.of(geometry("""
                {"type": "MultiPoint", "coordinates": [[177, -16], [178.55, -18.1], [-178, -20]]}""")));
        assertEquals(new LonLatBox(130, 30, -140, 70), LonLatBox.of(geometry("""
                {"type": "MultiPolygon", "coordinates": [
                  [[[130, 30], [145, 30], [145, 45], [130, 45], [130, 30]]],
                  [[[-170, 55], [-140, 55], [-140, 70], [-170, 70], [-170, 55]]]]}""")),
                "Japan and Alaska: across the Pacific, not across Eurasia and the Atlantic");
    }

    @Test
    void aGeometryOnOneSideOrAroundTheWholeEarthKeepsItsPlainBox() throws Exception {
        assertEquals(new LonLatBox(7, 46, 8, 47), LonLatBox.of(geometry("""
                {"type": "LineString", "coordinates": [[7, 46], [8, 47]]}""")));
        LonLatBox belt = LonLatBox.of(geometry("""
                {"type": "MultiPolygon", "coordinates": [
                  [[[-180, -10], [0, -10], [0, 10], [-180, 10], [-180, -10]]],
                  [[[0, -10], [180, -10], [180, 10], [0, 10], [0, -10]]]]}"""));

        assertEquals(new LonLatBox(-180, -10, 180, 10), belt);
        assertFalse(belt.crossesTheAntimeridian());
        assertEquals(List.of(new Envelope(-180, 180, -10, 10)), belt.halves());
        assertEquals(new LonLatBox(-179, -1, 179, 1), LonLatBox.of(geometry("""
                {"type": "Polygon", "coordinates": [[[-179, -1], [179, -1], [179, 1], [-179, 1], [-179, -1]]]}""")),
                "one polygon is taken as drawn on a flat map");
    }
}

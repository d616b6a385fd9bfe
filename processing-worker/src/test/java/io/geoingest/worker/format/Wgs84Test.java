package io.geoingest.worker.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class Wgs84Test {

    @Test
    void aGridInLongitudesZeroTo360IsMovedWest() {
        assertEquals(Optional.of(new Bounds(-180, -90, 180, 90)), Wgs84.fromEpsg(4326, new Bounds(0, -90, 360, 90)),
                "a global grid, which a search over the Americas must find");
        assertEquals(Optional.of(new Bounds(-170, 10, -10, 20)), Wgs84.fromEpsg(4326, new Bounds(190, 10, 350, 20)));
        assertEquals(Optional.of(new Bounds(7, 46, 8, 47)), Wgs84.fromEpsg(4326, new Bounds(7, 46, 8, 47)));
    }

    @Test
    void aBoxOffTheEarthOrNotMadeOfNumbersHasNoLongitudeAndLatitude() {
        assertEquals(Optional.empty(), Wgs84.fromEpsg(4326, new Bounds(Double.NaN, 0, 1, 1)));
        assertEquals(Optional.empty(), Wgs84.fromEpsg(4326, new Bounds(0, 0, Double.POSITIVE_INFINITY, 1)));
        assertEquals(Optional.empty(), Wgs84.fromEpsg(4326, new Bounds(0, -100, 10, 10)));
        assertEquals(Optional.empty(), Wgs84.fromEpsg(4326, new Bounds(-500, 0, -400, 1)));
    }

    @Test
    void aGridReachingLessThanAPixelBeyondThePolesEndsAtThem() {
        assertEquals(Optional.of(new Bounds(-180, -90, 180, 90)),
                Wgs84.ofGrid(4326, new Bounds(-180.125, -90.125, 180.125, 90.125), 1441, 721));
        assertEquals(Optional.of(new Bounds(-180, -90, 180, 90)),
                Wgs84.ofGrid(4326, new Bounds(-0.125, -90.125, 360.125, 90.125), 1441, 721),
                "0..360 with a column centred on each end");
        assertEquals(Optional.of(new Bounds(10, 80, 20, 90)), Wgs84.ofGrid(4326, new Bounds(10, 80, 20, 90.5), 10, 10));
    }

    @Test
    void aGridReachingMoreThanAPixelBeyondThePolesIsOffTheEarth() {
        assertEquals(Optional.empty(), Wgs84.ofGrid(4326, new Bounds(-180, -91, 180, 91), 1440, 728),
                "a pixel of 0.25 degrees, a degree beyond the poles");
        assertEquals(Optional.empty(), Wgs84.ofGrid(4326, new Bounds(0, 90.1, 10, 90.2), 10, 10),
                "beyond the pole altogether");
    }

    /** Edges a little beyond the antimeridian lie on its other side, not on it. */
    @Test
    void aGridReachingJustBeyondTheAntimeridianKeepsWhatLiesBeyond() {
        assertEquals(Optional.of(new Bounds(-0.5, 10, 0.5, 20)), Wgs84.ofGrid(4326, new Bounds(359.5, 10, 360.5, 20), 2, 4),
                "0..360 with its last column across 360: a search at 0.25 east must find it");
        assertEquals(Optional.of(new Bounds(179, 10, -170, 20)), Wgs84.ofGrid(4326, new Bounds(-181, 10, -170, 20), 11, 10),
                "the strip from 179 to 180 east is the grid's too: the box crosses the antimeridian");
    }

    /** A pixel as coarse as the box is no licence to take coordinates far off the earth for the earth. */
    @Test
    void aCoarseOrEmptyGridFarOffTheEarthIsNotClampedOntoIt() {
        assertEquals(Optional.empty(), Wgs84.ofGrid(4326, new Bounds(-400, -200, 400, 200), 2, 2));
        assertEquals(Optional.empty(), Wgs84.ofGrid(4326, new Bounds(0, 0, 10, 1000), 10, 1));
        assertEquals(Optional.empty(), Wgs84.ofGrid(4326, new Bounds(0, 0, 10, 10), 10, 0));
        assertEquals(Optional.of(new Bounds(-180, -90, 180, 90)),
                Wgs84.ofGrid(4326, new Bounds(-181.25, -91.25, 178.75, 91.25), 144, 73),
                "a 2.5 degree reanalysis grid, a pixel centred on each pole");
    }

    /**
     * A UTM zone 1 scene from 179.13 degrees east to 173.13 west (its edges by gdaltransform) has
     * that box, across the antimeridian as STAC writes one (west > east): not all longitudes, which
     * every search far from it would find, nor one that stops at the longitudes sampled along its
     * edges (179.71 west), which a search within the scene would miss.
     */
    @Test
    void aBoxAcrossTheAntimeridianCrossesIt() {
        Bounds wgs84 = Wgs84.fromEpsg(32601, new Bounds(200_000, 5_000_000, 800_000, 5_100_000)).orElseThrow();

        assertEquals(179.1264, wgs84.minX(), 1e-4);
        assertEquals(45.0898, wgs84.minY(), 1e-4);
        assertEquals(-173.1264, wgs84.maxX(), 1e-4);
        assertEquals(46.0536, wgs84.maxY(), 1e-4);
    }

    /** A grid in longitudes 0..360 over the Pacific, from 120 east to 70 west. */
    @Test
    void aGridInLongitudesZeroTo360AcrossTheAntimeridianCrossesIt() {
        assertEquals(Optional.of(new Bounds(120, -60, -70, 60)), Wgs84.fromEpsg(4326, new Bounds(120, -60, 290, 60)));
        assertEquals(Optional.of(new Bounds(-180, -60, 180, 60)), Wgs84.fromEpsg(4326, new Bounds(-180, -60, 180, 60)),
                "one that spans a whole turn lies at all longitudes");
        assertEquals(Optional.of(new Bounds(170, -20, -170, -10)), Wgs84.fromEpsg(4326, new Bounds(-190, -20, -170, -10)),
                "one whose west edge lies west of -180 crosses the antimeridian too (it had no box)");
    }
    /** NAD83 and ETRS89 coincide with WGS84 to the transform: their boxes carry no float noise. */
    @Test
    void aBoxInADatumThatCoincidesWithWgs84KeepsItsNumbers() {
        assertEquals(Optional.of(new Bounds(-100, 40, -90, 48)), Wgs84.fromEpsg(4269, new Bounds(-100, 40, -90, 48)));
        assertEquals(Optional.of(new Bounds(5, 45, 10, 48)), Wgs84.fromEpsg(4258, new Bounds(5, 45, 10, 48)));
    }
}

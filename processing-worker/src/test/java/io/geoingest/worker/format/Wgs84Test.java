package io.geoingest.worker.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class Wgs84Test {

    @Test
    void aGridInLongitudesZeroTo360IsMovedWestOrWidenedAcrossTheAntimeridian() {
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
}

package io.geoingest.worker.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CfCoordinatesTest {

    /** The forms of CF time units that producers write (udunits takes all of these). */
    @ParameterizedTest
    @CsvSource({
        "'days since 2024-06-01',                       2024-06-01T00:00:00Z, 2024-06-02T00:00:00Z",
        "'hours since 2024-06-01 00:00:00',             2024-06-01T00:00:00Z, 2024-06-01T01:00:00Z",
        "'seconds since 1970-01-01T00:00:00Z',          1970-01-01T00:00:00Z, 1970-01-01T00:00:01Z",
        "'minutes since 2024-6-1 6:00',                 2024-06-01T06:00:00Z, 2024-06-01T06:01:00Z",
        "'hours since 1900-01-01 00:00:00.0 +02:00',    1899-12-31T22:00:00Z, 1899-12-31T23:00:00Z",
        "'Days since 2024-06-01 UTC',                   2024-06-01T00:00:00Z, 2024-06-02T00:00:00Z"})
    void timeUnitsAreReadAsCfWritesThem(String units, String first, String last) {
        Optional<Instant[]> span = CfCoordinates.span(new double[] {1, 0}, Map.of("units", units));

        assertArrayEquals(new Instant[] {Instant.parse(first), Instant.parse(last)}, span.orElseThrow());
    }

    /**
     * A year of 360 or 365 days has dates java.time has not, and a fill value is no time: such a
     * file tells no time rather than a wrong one.
     */
    @Test
    void aCalendarOtherThanGregorianOrATimeBeyondTheYear9999GivesNoTime() {
        assertEquals(Optional.empty(), CfCoordinates.span(new double[] {0, 59},
                Map.of("units", "days since 2024-01-01", "calendar", "360_day")));
        assertEquals(Optional.empty(), CfCoordinates.span(new double[] {0}, Map.of("units", "K")));
        assertEquals(Optional.empty(), CfCoordinates.span(new double[] {0, 9.97e36}, Map.of("units", "days since 2024-01-01")),
                "a fill value is no time STAC can write");
    }

    @Test
    void cellsReachHalfAStepBeyondTheOuterCentresInEitherOrder() {
        assertArrayEquals(new double[] {46.25, 47.75}, CfCoordinates.edges(new double[] {47.5, 47, 46.5}).orElseThrow());
        assertArrayEquals(new double[] {7, 7}, CfCoordinates.edges(new double[] {7}).orElseThrow());
        assertEquals(Optional.empty(), CfCoordinates.edges(new double[] {Double.NaN}));
    }

    @Test
    void axesAreKnownByUnitsOrStandardName() {
        assertEquals(Optional.of(CfCoordinates.Axis.LATITUDE), CfCoordinates.axis(Map.of("units", "degrees_north")));
        assertEquals(Optional.of(CfCoordinates.Axis.LONGITUDE), CfCoordinates.axis(Map.of("standard_name", "longitude")));
        assertEquals(Optional.of(CfCoordinates.Axis.TIME), CfCoordinates.axis(Map.of("units", "days since 2000-01-01")));
        assertEquals(Optional.empty(), CfCoordinates.axis(Map.of("units", "m")));
    }

    /**
     * CF 4.3: a vertical coordinate is known by pressure units or a {@code positive} direction, and
     * by {@code axis = "Z"} or a vertical standard name (a dimensionless one as well); a length in
     * metres alone says nothing.
     */
    @Test
    void aVerticalAxisIsKnownAsCfSays() {
        for (Map<String, String> vertical : List.of(Map.of("units", "hPa"), Map.of("units", "Pa"),
                Map.of("units", "m", "positive", "Down"), Map.of("units", "m", "positive", "up"), Map.of("axis", "Z"),
                Map.of("standard_name", "depth"), Map.of("standard_name", "atmosphere_hybrid_sigma_pressure_coordinate"),
                Map.of("standard_name", "model_level_number"))) {
            assertEquals(Optional.of(CfCoordinates.Axis.VERTICAL), CfCoordinates.axis(vertical), vertical::toString);
        }
        assertEquals(Optional.empty(), CfCoordinates.axis(Map.of("units", "m", "positive", "sideways")));
        assertEquals(Optional.empty(), CfCoordinates.axis(Map.of("standard_name", "atmosphere_boundary_layer_thickness")));
    }
}

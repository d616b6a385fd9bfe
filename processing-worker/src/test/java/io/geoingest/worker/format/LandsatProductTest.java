package io.geoingest.worker.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Landsat products as USGS delivers them, tars of their bands and metadata (fixtures/README.md). */
class LandsatProductTest {
    /** A scene over Fiji across the antimeridian has no outline the catalog draws, but still its box. */
    @Test
    void aSceneAcrossTheAntimeridianIsPlacedByTheBoxAroundItsCorners() throws Exception {
        FormatReport report;
        try (InputStream in = LandsatProductTest.class.getResourceAsStream("/fixtures/landsat9-antimeridian.tar")) {
            report = LandsatProduct.read(in);
        }

        assertEquals(Format.LANDSAT_PRODUCT, report.format());
        assertEquals(Optional.of(new Bounds(179.2, -17.8, -179.0, -16.0)), report.wgs84Bounds());
        assertTrue(report.footprint().isEmpty());
    }
}

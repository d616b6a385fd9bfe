package io.geoingest.worker.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MediaTypeDetectorTest {

    /**
     * A BigTIFF whose pixels read as text ('2', 50 in every pixel) was text/plain, under its own
     * name or another, and never read as an image; a classic TIFF of the same pixels was not.
     */
    @ParameterizedTest
    @CsvSource({"bigtiff-4326-text-like.tif, scene.tif", "bigtiff-4326-text-like.tif, scene.bin",
        "geotiff-4326.tif, scene.bin"})
    void aBigTiffIsATiffWhateverItsPixelsAndName(String fixture, String uploadedAs) throws Exception {
        assertEquals("image/tiff", detected(fixture, uploadedAs));
    }

    /** GPX and GML, which Tika does not know, by their root element under any name, or by their own name. */
    @ParameterizedTest
    @CsvSource({"track.gpx, export.xml, application/gpx+xml", "places-2056.gml, wfs-download.xml, application/gml+xml",
        "features-gml2.gml, features.gml, application/gml+xml", "places.kml, places.xml, application/vnd.google-earth.kml+xml"})
    void xmlVectorFormatsAreKnownByTheirRootElement(String fixture, String uploadedAs, String mediaType) throws Exception {
        assertEquals(mediaType, detected(fixture, uploadedAs));
    }

    private String detected(String fixture, String uploadedAs) throws Exception {
        Path file = Path.of(getClass().getResource("/fixtures/" + fixture).toURI());
        try (BufferedInputStream stream = new BufferedInputStream(Files.newInputStream(file))) {
            return new MediaTypeDetector().detect(stream, uploadedAs);
        }
    }
}

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
        Path file = Path.of(getClass().getResource("/fixtures/" + fixture).toURI());
        try (BufferedInputStream stream = new BufferedInputStream(Files.newInputStream(file))) {
            assertEquals("image/tiff", new MediaTypeDetector().detect(stream, uploadedAs));
        }
    }
}

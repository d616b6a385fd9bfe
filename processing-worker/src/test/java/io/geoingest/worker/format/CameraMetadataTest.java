package io.geoingest.worker.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a photo was taken, from the EXIF written with exiftool (fixtures/README.md). */
class CameraMetadataTest {
    private static FormatReport read(String fixture) throws Exception {
        Path file = Path.of(CameraMetadataTest.class.getResource("/fixtures/" + fixture).toURI());
        return CameraMetadata.addToJpeg(RasterReader.read(file, Format.JPEG, "image/jpeg"), file);
    }

    /**
     * EXIF 2.31 writes an offset the camera does not know as blanks: the local time is then no
     * instant (it was taken as UTC, two hours off here), and the GPS clock's time, in UTC, dates the photo.
     */
    @Test
    void anOffsetWrittenAsBlanksLeavesThePhotoDatedByTheGpsClock() throws Exception {
        FormatReport report = read("photo-blank-offset.jpg");

        assertEquals(Optional.of(Instant.parse("2024-05-13T08:30:00Z")), report.start());
        assertEquals("2024-05-13T08:30:00Z", report.details().path("camera").path("gpsTime").asText());
        assertFalse(report.details().path("camera").has("offsetTimeOriginal"), report.details()::toString);
    }
}

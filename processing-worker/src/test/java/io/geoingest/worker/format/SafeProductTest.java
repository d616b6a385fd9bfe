package io.geoingest.worker.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.stream.FileImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sentinel products zipped in the ways found in the wild (fixtures/README.md). */
class SafeProductTest {
    @TempDir
    Path directory;

    private static FormatReport read(File zip) throws IOException {
        try (FileImageInputStream in = new FileImageInputStream(zip)) {
            return ZipContents.read(in, false);
        }
    }

    private static FormatReport fixture(String name) throws Exception {
        return read(new File(SafeProductTest.class.getResource("/fixtures/" + name).toURI()));
    }

    private static void assertSentinel2(FormatReport report, String sensed) {
        assertEquals(Format.SENTINEL_SAFE, report.format(), report.details()::toString);
        assertEquals("Sentinel-2", report.details().path("mission").asText(), report.details()::toString);
        assertEquals("MSI", report.details().path("instruments").path(0).asText());
        assertEquals(12.5, report.details().path("cloudCover").asDouble());
        assertEquals(Optional.of(Instant.parse(sensed)), report.start());
    }

    /**
     * Every Sentinel-2 product holds a manifest.safe besides its MTD file: listed first in the ZIP,
     * or beside a metadata file named as before format 14 (S2A_OPER_MTD_SAFL1C_...), it made the
     * product a radar one without cloud cover.
     */
    @Test
    void aSentinel2ProductIsDescribedByItsMetadataFileWhereverItsManifestIs() throws Exception {
        assertSentinel2(fixture("sentinel2-manifest-first.zip"), "2024-05-13T10:36:19.024Z");
        assertSentinel2(fixture("sentinel2-psd13.zip"), "2016-01-15T10:36:19.024Z");
    }

    /** ZIPs made from inside the SAFE directory, or around a folder holding it, are products too. */
    @Test
    void theMetadataFileIsFoundAtAnyDepth() throws Exception {
        assertSentinel2(fixture("sentinel2-inside-safe.zip"), "2024-05-13T10:36:19.024Z");

        FormatReport radar = fixture("sentinel1-nested.zip");
        assertEquals(Format.SENTINEL_SAFE, radar.format(), radar.details()::toString);
        assertEquals("Sentinel-1", radar.details().path("mission").asText());
        assertEquals("C-SAR", radar.details().path("instruments").path(0).asText());
        assertTrue(radar.wgs84Bounds().isPresent());
    }

    /** Other SAFE missions hold a manifest.safe too (Sentinel-3's): it does not make a radar product. */
    @Test
    void aManifestOfAnotherMissionIsNoSentinel1Product() throws Exception {
        Path zip = directory.resolve("sentinel3.zip");
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            out.putNextEntry(new ZipEntry("S3A_OL_1_EFR.SEN3/manifest.safe"));
            out.write(("<xfdu:XFDU xmlns:xfdu=\"urn:ccsds:schema:xfdu:1\" xmlns:safe=\"http://www.esa.int/safe/sentinel/1.1\">"
                    + "<safe:familyName>SENTINEL-3</safe:familyName></xfdu:XFDU>").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }

        assertEquals(Format.UNRECOGNISED, read(zip.toFile()).format());
    }
}

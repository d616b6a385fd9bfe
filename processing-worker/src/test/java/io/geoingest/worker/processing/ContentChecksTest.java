package io.geoingest.worker.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.common.file.SourceType;
import io.geoingest.worker.claim.Claim;
import io.geoingest.worker.format.Format;
import io.geoingest.worker.format.FormatReport;
import io.geoingest.worker.scan.ContentFacts;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ContentChecksTest {
    private static final long SIZE = 5_000_000_000L;

    private static Claim declared(SourceType type) {
        return new Claim(UUID.randomUUID(), 1, 0, "uploads/dem.gpkg", "dem.gpkg", SIZE, type, Optional.empty(),
                Instant.EPOCH, Optional.empty(), Optional.empty(), Optional.empty(), "owner");
    }

    /**
     * A GeoPackage over the spool limit, unread, may hold tiles or features: a large raster one
     * declared HEIGHTMAP FAILED as vector data. One that was read and holds features still fails.
     */
    @Test
    void aGeoPackageNotReadMatchesAnyDeclaredType() {
        ContentFacts notRead = new ContentFacts(SIZE, "1220ab", "application/x-sqlite3",
                FormatReport.recognised(Format.GEOPACKAGE), false);
        ContentFacts read = new ContentFacts(SIZE, "1220ab", "application/x-sqlite3",
                FormatReport.recognised(Format.GEOPACKAGE), true);

        for (SourceType type : new SourceType[] {SourceType.IMAGE, SourceType.MULTISPECTRAL, SourceType.HEIGHTMAP}) {
            assertEquals(Optional.empty(), ContentChecks.firstProblem(declared(type), notRead), type.name());
            assertTrue(ContentChecks.firstProblem(declared(type), read).orElseThrow()
                    .startsWith("declared sourceType " + type + " does not match the content: the file is vector data"));
        }
    }

    /** A format whose kind its signature tells is checked against the declared type, read or not. */
    @Test
    void aFormatOfAKnownKindIsCheckedUnread() {
        ContentFacts tiff = new ContentFacts(SIZE, "1220ab", "image/tiff", FormatReport.recognised(Format.TIFF), false);

        assertTrue(ContentChecks.firstProblem(declared(SourceType.POINT), tiff).isPresent());
    }
}

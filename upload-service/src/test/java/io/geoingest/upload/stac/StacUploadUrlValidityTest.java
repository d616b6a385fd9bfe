package io.geoingest.upload.stac;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StacUploadUrlValidityTest {

    /**
     * SigV4 signs URLs valid for 1 s to 7 days. Set to 8d, the service started and answered 500 to
     * every POST .../uploads and every listing of uploads (the SDK refused to sign); it now refuses
     * to start, saying which setting is wrong, as the status-service does for download URLs.
     */
    @Test
    void aValidityStorageCannotSignStopsTheStart() {
        IllegalStateException tooLong = assertThrows(IllegalStateException.class,
                () -> StacUploads.requireSignableValidity(Duration.ofDays(8)));
        assertEquals("geoingest.stac.upload-url-validity must be between 1s and 7d, not PT192H", tooLong.getMessage());
        assertThrows(IllegalStateException.class, () -> StacUploads.requireSignableValidity(Duration.ZERO));
        assertThrows(IllegalStateException.class, () -> StacUploads.requireSignableValidity(Duration.ofMillis(500)));

        assertDoesNotThrow(() -> StacUploads.requireSignableValidity(Duration.ofHours(1)));
        assertDoesNotThrow(() -> StacUploads.requireSignableValidity(Duration.ofDays(7)));
        assertDoesNotThrow(() -> StacUploads.requireSignableValidity(Duration.ofSeconds(1)));
    }
}

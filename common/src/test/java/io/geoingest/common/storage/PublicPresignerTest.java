package io.geoingest.common.storage;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PublicPresignerTest {

    /**
     * SigV4 signs URLs valid for 1 s to 7 days. With geoingest.stac.upload-url-validity=8d the
     * upload-service started and answered 500 to every POST .../uploads and every listing of
     * uploads (the SDK refused to sign); both services now refuse to start, naming the setting.
     */
    @Test
    void aValidityStorageCannotSignIsRefusedByName() {
        IllegalStateException tooLong = assertThrows(IllegalStateException.class,
                () -> PublicPresigner.requireSignable("geoingest.stac.upload-url-validity", Duration.ofDays(8)));
        assertEquals("geoingest.stac.upload-url-validity must be between 1s and 7d, not PT192H", tooLong.getMessage());
        assertThrows(IllegalStateException.class, () -> PublicPresigner.requireSignable("v", Duration.ZERO));
        assertThrows(IllegalStateException.class, () -> PublicPresigner.requireSignable("v", Duration.ofMillis(500)));
        assertThrows(IllegalStateException.class, () -> PublicPresigner.requireSignable("v", Duration.ofSeconds(-1)));

        assertDoesNotThrow(() -> PublicPresigner.requireSignable("v", Duration.ofHours(1)));
        assertDoesNotThrow(() -> PublicPresigner.requireSignable("v", Duration.ofDays(7)));
        assertDoesNotThrow(() -> PublicPresigner.requireSignable("v", Duration.ofSeconds(1)));
    }
}

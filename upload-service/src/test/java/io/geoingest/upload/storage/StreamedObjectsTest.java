package io.geoingest.upload.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.testing.TestInfrastructure;
import io.geoingest.upload.StoredObjects;
import io.geoingest.upload.TestData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Streams stored as they are read: in one PUT or in parts, exactly whatever length was guessed, and nothing left when they fail. */
@QuarkusTest
class StreamedObjectsTest {
    private static final int PART_SIZE = 8 * TestData.MIB;
    private static final OptionalLong UNKNOWN = OptionalLong.empty();

    @Inject
    StreamedObjects objects;
    @Inject
    UploadStorage storage;
    @Inject
    StreamingConfig streaming;

    @Test
    void aStreamLongerThanOnePartIsStoredWhole() throws IOException {
        byte[] content = TestData.bytes(2 * PART_SIZE + 12345);
        String key = key();

        long size = objects.store(key, new ByteArrayInputStream(content), UNKNOWN, Long.MAX_VALUE);

        assertEquals(content.length, size);
        assertArrayEquals(content, StoredObjects.read(key));
        assertTrue(StoredObjects.multipartUploadsUnder(key).isEmpty());
    }

    @Test
    void aStreamOfExactlyOnePartIsStoredWhole() throws IOException {
        byte[] content = TestData.bytes(PART_SIZE);
        String key = key();

        objects.store(key, new ByteArrayInputStream(content), UNKNOWN, Long.MAX_VALUE);

        assertArrayEquals(content, StoredObjects.read(key));
    }

    @Test
    void anEmptyStreamStoresNothing() throws IOException {
        String key = key();

        assertEquals(0, objects.store(key, InputStream.nullInputStream(), UNKNOWN, Long.MAX_VALUE));
        assertFalse(StoredObjects.exists(key));
    }

    @Test
    void aStreamOverItsLimitLeavesNothingInStorage() {
        String key = key();
        byte[] content = TestData.bytes(PART_SIZE + 10);

        assertThrows(ObjectTooLargeException.class,
                () -> objects.store(key, new ByteArrayInputStream(content), UNKNOWN, PART_SIZE + 9L));

        assertFalse(StoredObjects.exists(key));
        assertTrue(StoredObjects.multipartUploadsUnder(key).isEmpty());
    }

    @Test
    void aClientThatGoesAwayHalfWayLeavesNothingInStorage() {
        String key = key();

        assertThrows(IOException.class, () -> objects.store(key, brokenAfter(PART_SIZE + PART_SIZE / 2), UNKNOWN, Long.MAX_VALUE));

        assertFalse(StoredObjects.exists(key));
        assertTrue(StoredObjects.multipartUploadsUnder(key).isEmpty());
    }

    @Test
    void aStreamOfItsLikelyLengthIsStoredInOnePut() throws IOException {
        byte[] content = TestData.bytes(2 * PART_SIZE + 12345);
        String key = key();

        long size = objects.store(key, new ByteArrayInputStream(content), OptionalLong.of(content.length), Long.MAX_VALUE);

        assertEquals(content.length, size);
        assertArrayEquals(content, StoredObjects.read(key));
        assertFalse(StoredObjects.eTag(key).contains("-"), "one PUT, not parts");
    }

    /** Fields after the file make it shorter than guessed; a form closed without a line end, two bytes longer. */
    @ParameterizedTest
    @CsvSource({"100, 70000", "5, 3", "8388613, 3"})
    void aStreamOfAnotherLengthThanItsLikelyOneIsStoredExactly(int beyondPart, int likelyBeyondPart) throws IOException {
        byte[] content = TestData.bytes(PART_SIZE + beyondPart);
        String key = key();

        long size = objects.store(key, new ByteArrayInputStream(content), OptionalLong.of(PART_SIZE + likelyBeyondPart),
                Long.MAX_VALUE);

        assertEquals(content.length, size);
        assertArrayEquals(content, StoredObjects.read(key));
        assertTrue(StoredObjects.multipartUploadsUnder(key).isEmpty());
    }

    @Test
    void aStreamThatGoesPastItsLimitAfterItsLikelyLengthLeavesNothingInStorage() {
        String key = key();
        byte[] content = TestData.bytes(PART_SIZE + 10);

        assertThrows(ObjectTooLargeException.class, () -> objects.store(key, new ByteArrayInputStream(content),
                OptionalLong.of(PART_SIZE + 8), PART_SIZE + 9L));

        assertFalse(StoredObjects.exists(key));
        assertTrue(StoredObjects.multipartUploadsUnder(key).isEmpty());
    }

    @Test
    void aClientThatGoesAwayDuringOnePutGetsItsOwnFailureAndLeavesNothingInStorage() {
        String key = key();

        IOException failure = assertThrows(IOException.class, () -> objects.store(key, brokenAfter(PART_SIZE + PART_SIZE / 2),
                OptionalLong.of(2 * PART_SIZE), Long.MAX_VALUE));

        assertEquals("connection reset", failure.getMessage());
        assertEquals(List.of(), StoredObjects.keysUnder(key));
    }

    @Test
    void inPartsAClientThatPausesLongerThanStorageWaitsStillHasItsFileStored() throws Exception {
        StreamedObjects inParts = new StreamedObjects(storage, StreamingSettings.of(streaming).withOnePut(false));
        byte[] content = TestData.bytes(2 * PART_SIZE + 12345);
        int beforePause = PART_SIZE + TestData.MIB;
        String key = key();
        InputStream pausing = new SequenceInputStream(new ByteArrayInputStream(content, 0, beforePause),
                new PausingStream(new ByteArrayInputStream(content, beforePause, content.length - beforePause),
                        TestInfrastructure.S3_BODY_WAIT.plusSeconds(3).toMillis()));

        try {
            long size = inParts.store(key, pausing, OptionalLong.of(content.length), Long.MAX_VALUE);

            assertEquals(content.length, size);
            assertArrayEquals(content, StoredObjects.read(key));
            assertTrue(StoredObjects.eTag(key).contains("-"), "parts, not one PUT");
        } finally {
            inParts.stop();
        }
    }

    /** A client's body whose sender stops for {@code pauseMillis} before the first of these bytes. */
    private static final class PausingStream extends InputStream {
        private final InputStream bytes;
        private long pauseMillis;

        PausingStream(InputStream bytes, long pauseMillis) {
            this.bytes = bytes;
            this.pauseMillis = pauseMillis;
        }

        @Override
        public int read() throws IOException {
            pause();
            return bytes.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            pause();
            return bytes.read(buffer, offset, length);
        }

        private void pause() throws IOException {
            if (pauseMillis > 0) {
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
                pauseMillis = 0;
            }
        }
    }

    /** A client's body that breaks off after {@code length} bytes. */
    private static InputStream brokenAfter(int length) {
        return new SequenceInputStream(new ByteArrayInputStream(TestData.bytes(length)), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        });
    }

    private static String key() {
        return "streamed/" + UUID.randomUUID();
    }
}

package io.geoingest.upload.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.upload.StoredObjects;
import io.geoingest.upload.TestData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Streams of unknown length stored as they are read: in one PUT or in parts, and nothing left when they fail. */
@QuarkusTest
class StreamedObjectsTest {
    private static final int PART_SIZE = 8 * TestData.MIB;

    @Inject
    StreamedObjects objects;

    @Test
    void aStreamLongerThanOnePartIsStoredWhole() throws IOException {
        byte[] content = TestData.bytes(2 * PART_SIZE + 12345);
        String key = key();

        long size = objects.store(key, new ByteArrayInputStream(content), Long.MAX_VALUE);

        assertEquals(content.length, size);
        assertArrayEquals(content, StoredObjects.read(key));
        assertTrue(StoredObjects.multipartUploadsUnder(key).isEmpty());
    }

    @Test
    void aStreamOfExactlyOnePartIsStoredWhole() throws IOException {
        byte[] content = TestData.bytes(PART_SIZE);
        String key = key();

        objects.store(key, new ByteArrayInputStream(content), Long.MAX_VALUE);

        assertArrayEquals(content, StoredObjects.read(key));
    }

    @Test
    void anEmptyStreamStoresNothing() throws IOException {
        String key = key();

        assertEquals(0, objects.store(key, InputStream.nullInputStream(), Long.MAX_VALUE));
        assertFalse(StoredObjects.exists(key));
    }

    @Test
    void aStreamOverItsLimitLeavesNothingInStorage() {
        String key = key();
        byte[] content = TestData.bytes(PART_SIZE + 10);

        assertThrows(ObjectTooLargeException.class,
                () -> objects.store(key, new ByteArrayInputStream(content), PART_SIZE + 9L));

        assertFalse(StoredObjects.exists(key));
        assertTrue(StoredObjects.multipartUploadsUnder(key).isEmpty());
    }

    @Test
    void aClientThatGoesAwayHalfWayLeavesNothingInStorage() {
        String key = key();
        InputStream broken = new SequenceInputStream(new ByteArrayInputStream(TestData.bytes(PART_SIZE + PART_SIZE / 2)),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("connection reset");
                    }
                });

        assertThrows(IOException.class, () -> objects.store(key, broken, Long.MAX_VALUE));

        assertFalse(StoredObjects.exists(key));
        assertTrue(StoredObjects.multipartUploadsUnder(key).isEmpty());
    }

    private static String key() {
        return "streamed/" + UUID.randomUUID();
    }
}

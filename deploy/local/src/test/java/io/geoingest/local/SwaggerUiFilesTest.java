package io.geoingest.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SwaggerUiFilesTest {

    /** Every request read the file from the jar again, on the event loop. */
    @Test
    void aFileIsReadFromTheJarOnceAndThenServedFromMemory() {
        AtomicInteger reads = new AtomicInteger();
        ClassLoader countingReads = new ClassLoader(getClass().getClassLoader()) {
            @Override
            public InputStream getResourceAsStream(String name) {
                reads.incrementAndGet();
                return super.getResourceAsStream(name);
            }
        };
        SwaggerUiFiles files = new SwaggerUiFiles(countingReads);

        int length = files.file("swagger-ui-bundle.js").orElseThrow().length();
        for (int request = 0; request < 5; request++) {
            assertEquals(length, files.file("swagger-ui-bundle.js").orElseThrow().length());
        }

        assertTrue(length > 100_000, "the whole bundle: " + length + " bytes");
        assertEquals(1, reads.get());
    }

    @Test
    void aFileTheUiDoesNotHaveIsNotFound() {
        assertTrue(new SwaggerUiFiles(getClass().getClassLoader()).file("nothing-here.js").isEmpty());
    }
}

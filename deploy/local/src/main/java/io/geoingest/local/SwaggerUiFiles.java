package io.geoingest.local;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Swagger UI's files from SmallRye's UI jar, each read once and then served from memory: they are
 * read on the gateway's event loop, which a read from the jar per request held up for every other
 * request. Only the files there are kept, so names that are not cannot fill the memory.
 */
final class SwaggerUiFiles {
    private static final String UI_FILES = "META-INF/resources/openapi-ui/";

    private final ClassLoader jar;
    private final Map<String, Buffer> read = new ConcurrentHashMap<>();

    SwaggerUiFiles(ClassLoader jar) {
        this.jar = jar;
    }

    Optional<Buffer> file(String name) {
        Buffer known = read.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        try (InputStream in = jar.getResourceAsStream(UI_FILES + name)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(read.computeIfAbsent(name, first -> Buffer.buffer(readAll(in))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

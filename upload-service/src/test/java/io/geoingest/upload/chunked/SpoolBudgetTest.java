package io.geoingest.upload.chunked;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.geoingest.testing.Await;
import io.geoingest.testing.RawHttp;
import io.geoingest.testing.TestApiKeys;
import io.geoingest.upload.TestData;
import io.geoingest.upload.files.Spool;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Chunks are spooled whole before their upload id is looked up (the fields may follow the file),
 * so chunks sent at once, to real uploads or made-up ones, could fill the disk (and in Kubernetes
 * get the pod evicted with every upload on it). The tests run with a spool of 48 MiB.
 */
@QuarkusTest
class SpoolBudgetTest {
    private static final int MIB = 1024 * 1024;
    private static final String BOUNDARY = "spool-budget";

    @TestHTTPResource("/")
    URI base;

    private final String apiKey = TestApiKeys.uploader("spool-" + UUID.randomUUID());
    private final ChunkedClient client = new ChunkedClient(apiKey);

    @Test
    void aChunkBeyondTheSpoolsRoomIsRefusedForLaterAndTakenOnceTheRoomIsFree() throws Exception {
        ChunkedClient.Started upload = client.start("scene.tif");
        byte[] chunk = TestData.bytes(10 * MIB);

        try (Socket held = new Socket()) {
            held.connect(new InetSocketAddress("127.0.0.1", base.getPort()));
            // 46 MiB of a chunk to an upload id nobody made, and then nothing more for now
            OutputStream out = held.getOutputStream();
            out.write(RawHttp.postHead("/public/file/uploadChunk?uploadId=" + UUID.randomUUID() + "&partNumber=1",
                    RawHttp.apiHeaders("127.0.0.1", apiKey, "multipart/form-data; boundary=" + BOUNDARY)
                            + "Transfer-Encoding: chunked\r\n"));
            byte[] partHead = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"chunk\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            RawHttp.writeChunk(out, partHead, 0, partHead.length);
            byte[] piece = TestData.bytes(MIB);
            for (int i = 0; i < 46; i++) {
                RawHttp.writeChunk(out, piece, 0, piece.length);
            }
            out.flush();
            // what the socket and the service's buffers still hold follows meanwhile
            Await.until("most of the held chunk is in the spool", Duration.ofSeconds(30), () -> spooled() >= 39L * MIB);

            client.sendChunk(upload, 1, chunk).statusCode(503)
                    .header("Retry-After", notNullValue())
                    .body("error", equalTo(Spool.FULL));
        }

        // the client holding the room went away, and its part with it
        Await.until("the held chunk is removed from the spool", Duration.ofSeconds(30), () -> spooled() < MIB);
        client.sendChunk(upload, 1, chunk).statusCode(200);
        client.complete(upload, chunk.length).statusCode(200).body("size", equalTo(chunk.length));
    }

    /** The bytes of the spool files under the spool directory (walked again when a file went meanwhile). */
    private static long spooled() {
        Path directory = Path.of(ConfigProvider.getConfig().getValue("geoingest.upload.spool-directory", String.class));
        for (int attempt = 1; ; attempt++) {
            try (Stream<Path> files = Files.walk(directory)) {
                return files.filter(file -> file.getFileName().toString().endsWith(".spool")).mapToLong(file -> {
                    try {
                        return Files.size(file);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).sum();
            } catch (IOException | UncheckedIOException removedMeanwhile) {
                if (attempt == 10) {
                    throw new AssertionError("the spool directory " + directory + " cannot be read", removedMeanwhile);
                }
            }
        }
    }
}

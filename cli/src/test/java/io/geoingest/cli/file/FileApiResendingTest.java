package io.geoingest.cli.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.cli.CliException;
import io.geoingest.cli.LocalServer;
import io.geoingest.cli.config.Connection;
import io.geoingest.cli.http.RetryPolicy;
import io.geoingest.cli.http.Timeouts;
import io.geoingest.cli.http.Transport;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Starting a chunked upload makes a new upload on the server each time it arrives: once the server
 * may have received it, it is not sent again, and the user is told what may be left behind.
 */
class FileApiResendingTest {
    private static final Duration BOUND = Duration.ofMillis(500);
    private static final Duration TEST_LIMIT = Duration.ofSeconds(10);
    private static final String START = "/public/file/generateUploadId";

    @Test
    void aStartWhoseAnswerIsLateIsNotSentAgain() {
        try (LocalServer server = new LocalServer()) {
            server.on(START, exchange -> server.hold());

            CliException failure = assertTimeoutPreemptively(TEST_LIMIT, () -> assertThrows(CliException.class,
                    () -> api(server).generateUploadId("cube.nc")));

            assertEquals(1, server.requests(), "each start the server receives is one more upload");
            assertTrue(failure.getMessage().startsWith("start of the chunked upload of cube.nc: " + server.url()
                    + " did not answer within 500 ms after the whole request went out, so it is not sent again: the server"
                    + " may have started an upload"), failure.getMessage());
            assertTrue(failure.getMessage().endsWith("run the same command again"), failure.getMessage());
        }
    }

    @Test
    void aStartAGatewayGaveUpWaitingOnIsNotSentAgain() {
        try (LocalServer server = new LocalServer()) {
            server.on(START, LocalServer.json(504, "{\"error\": \"Gateway Timeout\"}"));

            CliException failure = assertTimeoutPreemptively(TEST_LIMIT, () -> assertThrows(CliException.class,
                    () -> api(server).generateUploadId("cube.nc")));

            assertEquals(1, server.requests(), "the server behind the gateway may have started the upload");
            assertTrue(failure.getMessage().startsWith("start of the chunked upload of cube.nc: a gateway gave up waiting for"
                    + " the server's answer (HTTP 504), so it is not sent again"), failure.getMessage());
        }
    }

    private static FileApi api(LocalServer server) {
        Transport transport = new Transport(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(100)),
                new Timeouts(BOUND, BOUND, 1 << 20), Optional.empty());
        return new FileApi(new Connection(URI.create(server.url()), "k"), transport, new ObjectMapper());
    }
}

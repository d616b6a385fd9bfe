package io.geoingest.cli.stac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.cli.CliException;
import io.geoingest.cli.Environment;
import io.geoingest.cli.ExitCode;
import io.geoingest.cli.LocalServer;
import io.geoingest.cli.Session;
import io.geoingest.cli.config.Connection;
import io.geoingest.cli.file.FileApi;
import io.geoingest.cli.http.RetryPolicy;
import io.geoingest.cli.http.Timeouts;
import io.geoingest.cli.http.Transport;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code stac-upload} waits for the asset's file to be processed as {@code upload} waits for its
 * file: as long as the server answers, and a server lost on the way leaves the outcome unknown, not failed.
 */
class AssetStatusFollowerTest {
    /** The silence bound, which the wait for a status is measured in: short, for short tests. */
    private static final Duration BOUND = Duration.ofMillis(500);
    /** Each read of the asset may take this long: a loaded machine must not turn a slow answer into a timeout. */
    private static final Duration ANSWER = Duration.ofSeconds(10);
    private static final Duration TEST_LIMIT = Duration.ofSeconds(10);
    private static final AssetPath ASSET = new AssetPath("c", "i", "a");

    /** Six rounds of the silence bound and more: a file of many gigabytes, or a long queue, takes that long. */
    @Test
    void aFileProcessedForLongIsFollowedToItsOutcomeWhileTheServerAnswers() {
        long completedAt = System.nanoTime() + BOUND.multipliedBy(6).toNanos();
        try (LocalServer server = new LocalServer().on(ASSET.path(), exchange -> LocalServer.answer(exchange, 200,
                "{\"id\": \"a\", \"geoingest:status\": \"" + (System.nanoTime() < completedAt ? "IN_PROGRESS" : "COMPLETED")
                        + "\"}"))) {
            AssetStatusFollower follower = follower(server);

            assertTimeoutPreemptively(TEST_LIMIT, follower::awaitCompleted);
        }
    }

    @Test
    void aConnectionLostWhileWaitingLeavesTheOutcomeUnknown() {
        AtomicInteger reads = new AtomicInteger();
        try (LocalServer server = new LocalServer().on(ASSET.path(), exchange -> {
            if (reads.incrementAndGet() == 1) {
                LocalServer.answer(exchange, 200, "{\"id\": \"a\", \"geoingest:status\": \"IN_PROGRESS\"}");
            } else {
                exchange.close();
            }
        })) {
            AssetStatusFollower follower = follower(server);

            CliException gaveUp = assertTimeoutPreemptively(TEST_LIMIT,
                    () -> assertThrows(CliException.class, follower::awaitCompleted));

            assertEquals(ExitCode.GAVE_UP_WAITING, gaveUp.exitCode(), gaveUp.getMessage());
            assertTrue(gaveUp.getMessage().startsWith("reading asset c/i/a: the connection to " + server.url()),
                    gaveUp.getMessage());
            assertTrue(gaveUp.getMessage().endsWith("; the upload itself completed, but what became of the file is not"
                    + " known yet: see the asset's geoingest:status later: GET " + server.url() + ASSET.path()),
                    gaveUp.getMessage());
        }
    }

    @Test
    void aFailedFileAndAnErrorAnswerAreStillFailures() {
        try (LocalServer failed = new LocalServer().on(ASSET.path(), LocalServer.json(200,
                "{\"id\": \"a\", \"geoingest:status\": \"FAILED\", \"geoingest:error\": \"file is empty\"}"));
                LocalServer deleted = new LocalServer().on(ASSET.path(), LocalServer.json(404,
                        "{\"code\": 404, \"description\": \"Asset not found\"}"))) {
            CliException failure = assertThrows(CliException.class,
                    () -> follower(failed).awaitCompleted());
            CliException error = assertThrows(CliException.class,
                    () -> follower(deleted).awaitCompleted());

            assertEquals(ExitCode.FAILURE, failure.exitCode());
            assertEquals("the file of asset c/i/a FAILED: file is empty", failure.getMessage());
            assertEquals(ExitCode.FAILURE, error.exitCode());
            assertEquals("reading asset c/i/a: Asset not found (HTTP 404)", error.getMessage());
        }
    }

    /** Five rounds of the silence bound, as a status stream that brings no news is given up after. */
    @Test
    void anAssetThatNeverShowsAStatusIsGivenUpWithTheOutcomeUnknown() {
        try (LocalServer server = new LocalServer().on(ASSET.path(), LocalServer.json(200, "{\"id\": \"a\"}"))) {
            CliException gaveUp = assertTimeoutPreemptively(TEST_LIMIT,
                    () -> assertThrows(CliException.class, follower(server)::awaitCompleted));

            assertEquals(ExitCode.GAVE_UP_WAITING, gaveUp.exitCode(), gaveUp.getMessage());
            assertEquals("asset c/i/a showed no geoingest:status for 1 s after upload u-1 completed; it may not be"
                    + " processed yet: see the asset's geoingest:status later: GET " + server.url() + ASSET.path(),
                    gaveUp.getMessage());
        }
    }

    @Test
    void anAssetThatHoldsAnotherFileNowEndsTheWaitWithTheOutcomeUnknown() {
        try (LocalServer server = new LocalServer().on(ASSET.path(), LocalServer.json(200, "{\"id\": \"a\","
                + " \"file:checksum\": \"1220bb\", \"geoingest:status\": \"IN_PROGRESS\"}"))) {
            CliException gaveUp = assertTimeoutPreemptively(TEST_LIMIT,
                    () -> assertThrows(CliException.class, follower(server)::awaitCompleted));

            assertEquals(ExitCode.GAVE_UP_WAITING, gaveUp.exitCode(), gaveUp.getMessage());
            assertEquals("asset c/i/a holds another file now (file:checksum 1220bb, not 1220AA of upload u-1): it was"
                    + " replaced, so what became of this upload's file is not known", gaveUp.getMessage());
        }
    }

    private static AssetStatusFollower follower(LocalServer server) {
        return new AssetStatusFollower(session(server), ASSET, "u-1", "1220AA");
    }

    private static Session session(LocalServer server) {
        ObjectMapper json = new ObjectMapper();
        Connection connection = new Connection(URI.create(server.url()), Optional.of("k"), Optional.empty());
        Transport transport = new Transport(new RetryPolicy(2, Duration.ofMillis(100), Duration.ofMillis(100)),
                new Timeouts(ANSWER, BOUND, 1 << 20), Optional.empty());
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        return new Session(new Environment(Map.of(), Path.of(""), Optional.empty(), nowhere, nowhere, false), connection,
                transport, json, new FileApi(connection, transport, json), new StacApi(connection, transport, json), true);
    }
}

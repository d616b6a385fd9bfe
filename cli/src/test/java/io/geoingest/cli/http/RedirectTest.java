package io.geoingest.cli.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.cli.CommandRun;
import io.geoingest.cli.ExitCode;
import io.geoingest.cli.LocalServer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server that redirects an API call elsewhere does not get the API key sent there. */
class RedirectTest {

    @TempDir
    Path work;

    @Test
    void anApiCallRedirectedToAnotherHostIsNotFollowedWithTheKey() {
        AtomicInteger keysReceived = new AtomicInteger();
        try (LocalServer elsewhere = new LocalServer().on("/", exchange -> {
            if (exchange.getRequestHeaders().containsKey("X-API-KEY")) {
                keysReceived.incrementAndGet();
            }
            LocalServer.answer(exchange, 200, "{\"fileId\": \"42\", \"status\": \"COMPLETED\"}");
        });
                LocalServer server = new LocalServer().on("/", exchange -> {
                    exchange.getResponseHeaders().set("Location", elsewhere.url().replace("127.0.0.1", "localhost")
                            + "/public/file/status/42");
                    LocalServer.answer(exchange, 302, "");
                })) {
            CommandRun run = CommandRun.of(server.url(), work, "status", "42");

            assertEquals(ExitCode.FAILURE, run.exitCode(), run.err());
            assertEquals(0, keysReceived.get(), "the key went to another host");
            String port = elsewhere.url().substring(elsewhere.url().lastIndexOf(':'));
            assertEquals("geoingest: status of 42: " + server.url() + " redirected the request (HTTP 302) to"
                    + " http://localhost" + port + ", which the client does not follow, so that the API key goes nowhere"
                    + " else; if that is the server to use, pass its URL (--url or GEOINGEST_URL)", run.err().strip());
        }
    }

    @Test
    void aRedirectToAnotherPathOfTheSameServerNamesThatPathWithoutItsQuery() {
        try (LocalServer server = new LocalServer().on("/", exchange -> {
            exchange.getResponseHeaders().set("Location", "/api/public/file/status/42?token=secret");
            LocalServer.answer(exchange, 301, "");
        })) {
            CommandRun run = CommandRun.of(server.url(), work, "status", "42");

            assertEquals(ExitCode.FAILURE, run.exitCode(), run.err());
            assertEquals("geoingest: status of 42: " + server.url() + " redirected the request (HTTP 301) to"
                    + " /api/public/file/status/42 on the same server, which the client does not follow, so that the API key"
                    + " goes nowhere else; if that is the server to use, pass its URL (--url or GEOINGEST_URL)",
                    run.err().strip());
        }
    }
}

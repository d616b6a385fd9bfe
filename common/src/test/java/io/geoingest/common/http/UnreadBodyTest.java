package io.geoingest.common.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A server that refuses an upload before reading it, as the services and the gateway do. */
class UnreadBodyTest {
    private static final long ANNOUNCED = 256L << 20;

    private Vertx vertx;
    private int port;

    @BeforeEach
    void refuseEveryUploadAtOnce() throws Exception {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            request.pause();
            request.response().setStatusCode(413).putHeader("Connection", "close")
                    .end("{\"error\":\"too large\"}")
                    .onComplete(sent -> UnreadBody.closeConnectionOnceDrained(vertx, request));
        });
        port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aClientThatFinishesItsBodyReadsTheRefusalAndTheConnectionCloses() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(4_000);
            OutputStream out = socket.getOutputStream();
            out.write(head(1 << 20));
            out.write(new byte[1 << 20]);
            out.flush();

            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);

            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.endsWith("{\"error\":\"too large\"}"), answer);
        }
    }

    /**
     * Without the drain the connection was reset under a client still sending, and the client saw
     * "Broken pipe" in place of the 413; without its bound a refused upload was read to its end.
     */
    @Test
    void aClientThatGoesOnSendingReadsTheRefusalAndIsCutOffLongBeforeItsEnd() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> readAll(socket));
            OutputStream out = socket.getOutputStream();
            out.write(head(ANNOUNCED));
            long sent = 0;
            byte[] block = new byte[64 << 10];
            try {
                while (sent < ANNOUNCED) {
                    out.write(block);
                    sent += block.length;
                }
            } catch (IOException closedByTheServer) {
                // what the test waits for
            }

            assertTrue(answer.get(10, TimeUnit.SECONDS).startsWith("HTTP/1.1 413"), answer.get());
            assertTrue(sent < ANNOUNCED / 2, "sent " + sent + " bytes of " + ANNOUNCED + " before the connection closed");
        }
    }

    private static byte[] head(long length) {
        return ("PUT /upload HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** What the client read before the connection ended, closed or reset (the server closes with bytes unread). */
    private static String readAll(Socket socket) {
        StringBuilder read = new StringBuilder();
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            for (int n; (n = in.read(buffer)) > 0;) {
                read.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
            }
        } catch (IOException reset) {
            // the answer came before it, or the test fails on what was read
        }
        return read.toString();
    }
}

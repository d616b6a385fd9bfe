package io.geoingest.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 requests sent exactly as written: Java's URI and HTTP clients refuse to send a target
 * such as {@code /status/%zz} at all, and cannot send a client's own forwarding headers as given.
 */
public final class RawHttp {
    private RawHttp() {
    }

    /** Sends a GET of {@code target} to 127.0.0.1, with {@code headers} (each ending in CRLF); the whole answer. */
    public static String get(int port, String target, String headers) throws IOException {
        try (Socket client = new Socket()) {
            client.connect(new InetSocketAddress("127.0.0.1", port));
            client.setSoTimeout(10_000);
            client.getOutputStream().write(("GET " + target + " HTTP/1.1\r\n" + headers + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The body of an answer {@link #get} returned. */
    public static String body(String answer) {
        return answer.substring(answer.indexOf("\r\n\r\n") + 4);
    }
}

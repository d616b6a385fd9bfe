package io.geoingest.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 requests sent exactly as written: Java's URI and HTTP clients refuse to send a target
 * such as {@code /status/%zz} at all, and cannot send a client's own forwarding headers as given.
 */
public final class RawHttp {
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");
    private RawHttp() {
    }

    /** The headers of a call to our APIs (each ending in CRLF): the host, the API key and the body's type. */
    public static String apiHeaders(String host, String apiKey, String contentType) {
        return "Host: " + host + "\r\n" + "X-API-KEY: " + apiKey + "\r\n" + "Content-Type: " + contentType + "\r\n";
    }

    /** The head of a POST of {@code target} with {@code headers} (each ending in CRLF), as bytes to send. */
    public static byte[] postHead(String target, String headers) {
        return ("POST " + target + " HTTP/1.1\r\n" + headers + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A client that announces {@code body} in full (its Content-Length) in a POST of {@code target}
     * with {@code headers} (each ending in CRLF), sends its first {@code sent} bytes and stalls,
     * until the socket returned is closed.
     */
    public static Socket postAndStall(String host, int port, String target, String headers, byte[] body, int sent)
            throws IOException {
        Socket socket = new Socket(host, port);
        OutputStream out = socket.getOutputStream();
        out.write(postHead(target, headers + "Content-Length: " + body.length + "\r\n"));
        out.write(body, 0, sent);
        out.flush();
        return socket;
    }

    /** Writes {@code length} bytes of {@code body} from {@code at} as one chunk of a Transfer-Encoding: chunked body. */
    public static void writeChunk(OutputStream out, byte[] body, int at, int length) throws IOException {
        out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body, at, length);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** Writes the end of a Transfer-Encoding: chunked body. */
    public static void writeLastChunk(OutputStream out) throws IOException {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Sends a POST of {@code target} to 127.0.0.1 with {@code headers} (each ending in CRLF) and
     * {@code body} as Transfer-Encoding: chunked, 64 KiB a chunk, until the server answers (a server
     * that stops reading makes the writes fail); the whole answer.
     */
    public static String postInChunks(int port, String target, String headers, byte[] body) throws IOException {
        try (Socket client = new Socket()) {
            client.connect(new InetSocketAddress("127.0.0.1", port));
            client.setSoTimeout(30_000);
            OutputStream out = client.getOutputStream();
            out.write(postHead(target, headers + "Transfer-Encoding: chunked\r\nConnection: close\r\n"));
            try {
                for (int at = 0; at < body.length; at += 64 * 1024) {
                    writeChunk(out, body, at, Math.min(64 * 1024, body.length - at));
                }
                writeLastChunk(out);
                out.flush();
            } catch (IOException stoppedReading) {
                // the server answered before the end of the body; the answer is read below
            }
            return new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Sends only the head of a POST of {@code target} to 127.0.0.1 with {@code headers} (each ending
     * in CRLF), announcing {@code contentLength} bytes of body that never come; the answer given
     * without them, read to the end its Content-Length says, not to the end of the connection.
     */
    public static String answerWithoutTheBody(int port, String target, String headers, long contentLength)
            throws IOException {
        try (Socket client = new Socket()) {
            client.connect(new InetSocketAddress("127.0.0.1", port));
            client.setSoTimeout(10_000);
            client.getOutputStream().write(postHead(target, headers + "Content-Length: " + contentLength + "\r\n"));
            client.getOutputStream().flush();
            InputStream in = new BufferedInputStream(client.getInputStream());
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            while (!answer.toString(StandardCharsets.UTF_8).endsWith("\r\n\r\n")) {
                int next = in.read();
                if (next < 0) {
                    throw new IOException("the connection ended within the answer's head: " + answer);
                }
                answer.write(next);
            }
            Matcher length = CONTENT_LENGTH.matcher(answer.toString(StandardCharsets.UTF_8));
            if (length.find()) {
                answer.write(in.readNBytes(Integer.parseInt(length.group(1))));
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    /**
     * Sends a POST without a body to 127.0.0.1 whose request line carries {@code target} in
     * {@code charset} (raw bytes outside ASCII, as curl sends what was typed), with {@code headers}
     * (each ending in CRLF); the whole answer.
     */
    public static String postWithoutABody(int port, String target, Charset charset, String headers) throws IOException {
        try (Socket client = new Socket()) {
            client.connect(new InetSocketAddress("127.0.0.1", port));
            client.setSoTimeout(10_000);
            OutputStream out = client.getOutputStream();
            out.write(("POST " + target + " HTTP/1.1\r\n").getBytes(charset));
            out.write((headers + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Sends a GET of {@code target} to 127.0.0.1, with {@code headers} (each ending in CRLF); the whole answer. */
    public static String get(int port, String target, String headers) throws IOException {
        return getEach(port, headers, target);
    }

    /**
     * Sends a GET of each target on one connection, one after the other as a client that keeps its
     * connection may (the last asks to close it); everything that came back before the server closed it.
     */
    public static String getEach(int port, String headers, String... targets) throws IOException {
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < targets.length; i++) {
            requests.append("GET ").append(targets[i]).append(" HTTP/1.1\r\n").append(headers)
                    .append(i == targets.length - 1 ? "Connection: close\r\n" : "").append("\r\n");
        }
        try (Socket client = new Socket()) {
            client.connect(new InetSocketAddress("127.0.0.1", port));
            client.setSoTimeout(10_000);
            client.getOutputStream().write(requests.toString().getBytes(StandardCharsets.US_ASCII));
            return new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * The status lines of the answers that {@link #getEach} returned, in order: each answer ends
     * where its Content-Length says (counted in characters: for ASCII bodies), or with the connection.
     */
    public static List<String> statusLines(String answers) {
        List<String> statusLines = new ArrayList<>();
        int start = 0;
        while (start < answers.length()) {
            int headEnd = answers.indexOf("\r\n\r\n", start);
            if (headEnd < 0) {
                break;
            }
            String head = answers.substring(start, headEnd);
            statusLines.add(head.lines().findFirst().orElse(""));
            Matcher length = CONTENT_LENGTH.matcher(head);
            start = length.find() ? headEnd + 4 + Integer.parseInt(length.group(1)) : answers.length();
        }
        return statusLines;
    }

    /** The body of an answer {@link #get} returned. */
    public static String body(String answer) {
        return answer.substring(answer.indexOf("\r\n\r\n") + 4);
    }
}

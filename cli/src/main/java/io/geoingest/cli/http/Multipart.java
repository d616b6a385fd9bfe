package io.geoingest.cli.http;

import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body (RFC 7578) whose file part is streamed, never held in memory.
 * Text fields come first, so a server can read them before the file.
 */
public final class Multipart {
    private final String boundary = "geoingest-" + UUID.randomUUID().toString().replace("-", "");
    private final List<BodyPublisher> pieces = new ArrayList<>();

    public Multipart field(String name, String value) {
        pieces.add(text("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + escape(name) + "\"\r\n\r\n"
                + value + "\r\n"));
        return this;
    }

    /** A file part; {@code content} must know its length so the request has a Content-Length. */
    public Multipart file(String name, String fileName, String contentType, BodyPublisher content) {
        pieces.add(text("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + escape(name)
                + "\"; filename=\"" + escape(fileName) + "\"\r\nContent-Type: " + contentType + "\r\n\r\n"));
        pieces.add(content);
        pieces.add(text("\r\n"));
        return this;
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    public BodyPublisher body() {
        List<BodyPublisher> all = new ArrayList<>(pieces);
        all.add(text("--" + boundary + "--\r\n"));
        return BodyPublishers.concat(all.toArray(BodyPublisher[]::new));
    }

    private static BodyPublisher text(String text) {
        return BodyPublishers.ofByteArray(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Quotes and line breaks would end the header value; browsers percent-encode them too. */
    private static String escape(String value) {
        return value.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }
}

package io.geoingest.cli.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.cli.CliException;
import io.geoingest.cli.config.Connection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Supplier;

/** What every call to our APIs shares: the key and agent headers, JSON both ways, and the transport's retries. */
public final class ApiCalls {
    /** The header that carries the API key; a request with it never follows a redirect (see {@link Transport}). */
    public static final String KEY_HEADER = "X-API-KEY";

    private final Connection connection;
    private final Transport transport;
    private final ObjectMapper json;

    public ApiCalls(Connection connection, Transport transport, ObjectMapper json) {
        this.connection = connection;
        this.transport = transport;
        this.json = json;
    }

    /** A request to a path of the server, with the caller's API key when there is one. */
    public HttpRequest.Builder request(String pathAndQuery) {
        return authorized(HttpRequest.newBuilder(connection.resolve(pathAndQuery)));
    }

    public HttpRequest.Builder authorized(HttpRequest.Builder request) {
        connection.apiKey().ifPresent(key -> request.header(KEY_HEADER, key));
        return request.header("User-Agent", "geoingest-cli");
    }

    public URI resolve(String pathAndQuery) {
        return connection.resolve(pathAndQuery);
    }

    /** Sends the request (with the transport's retries) and reads its JSON answer. */
    public <T> T json(String action, Supplier<HttpRequest> request, Class<T> type) {
        return json(action, request, type, 0, Transport.Resending.ALWAYS);
    }

    /**
     * {@link #json}, for a call after which the server stores or joins {@code bytesHandled} bytes
     * before it answers, and which may be sent again as {@code resending} says.
     */
    public <T> T json(String action, Supplier<HttpRequest> request, Class<T> type, long bytesHandled,
            Transport.Resending resending) {
        HttpResponse<InputStream> response = transport.exchange(action, request, bytesHandled, resending);
        try (InputStream body = response.body()) {
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new CliException(action + ": the server's answer is not what the API promises: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ConnectionFailedException(action + ": the answer broke off: " + e.getMessage(), e);
        }
    }

    public byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void discard(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // The status said the part arrived; a body cut short afterwards changes nothing.
        }
    }
}

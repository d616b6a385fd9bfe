package io.geoingest.status.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** A Server-Sent Events client as a user would write one with the JDK alone. */
final class EventStreamClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One event: its {@code event:} name, its {@code data:} and its {@code id:} (null without one). */
    record Event(String name, String data, String id) {
    }

    private final HttpResponse<Stream<String>> response;
    /** Events in arrival order; an empty one marks the end of the stream. */
    private final BlockingQueue<Optional<Event>> received = new LinkedBlockingQueue<>();
    private final AtomicInteger comments = new AtomicInteger();
    /** Lines that are no event name, data, id, comment or blank: fields a browser's EventSource ignores. */
    private final List<String> otherLines = new CopyOnWriteArrayList<>();

    private EventStreamClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        Thread reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    static EventStreamClient open(URI uri, String apiKey) throws Exception {
        return open(HttpRequest.newBuilder(uri), apiKey);
    }

    /** Reconnects as an EventSource does, sending the id of the last event it received. */
    static EventStreamClient reopen(URI uri, String apiKey, String lastEventId) throws Exception {
        return open(HttpRequest.newBuilder(uri).header("Last-Event-ID", lastEventId), apiKey);
    }

    /** Opens the stream as a caller with a bearer token. */
    static EventStreamClient withToken(URI uri, String token) throws Exception {
        return connect(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token));
    }

    private static EventStreamClient open(HttpRequest.Builder builder, String apiKey) throws Exception {
        return connect(builder.header("X-API-KEY", apiKey));
    }

    private static EventStreamClient connect(HttpRequest.Builder builder) throws Exception {
        HttpRequest request = builder
                .header("Accept", "text/event-stream")
                .GET().build();
        HttpResponse<Stream<String>> response = HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .get(30, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElseThrow());
        return new EventStreamClient(response);
    }

    /** A header of the stream's answer, as the client received it. */
    public Optional<String> header(String name) {
        return response.headers().firstValue(name);
    }

    private void read() {
        String name = null;
        StringBuilder data = null;
        String id = null;
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data != null) {
                        received.add(Optional.of(new Event(name, data.toString(), id)));
                    }
                    name = null;
                    data = null;
                    id = null;
                } else if (line.startsWith(":")) {
                    comments.incrementAndGet();
                } else if (line.startsWith("event:")) {
                    name = line.substring("event:".length()).trim();
                } else if (line.startsWith("id:")) {
                    id = line.substring("id:".length()).trim();
                } else if (line.startsWith("data:")) {
                    data = (data == null ? new StringBuilder() : data.append('\n'))
                            .append(line.substring("data:".length()).trim());
                } else {
                    otherLines.add(line);
                }
            }
        } catch (RuntimeException closed) {
            // the test closed the stream
        } finally {
            received.add(Optional.empty());
        }
    }

    /** The next event; fails when none comes in time or the stream ended. */
    Event next(Duration timeout) throws InterruptedException {
        Optional<Event> event = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(event, "no event within " + timeout);
        return event.orElseThrow(() -> new AssertionError("the stream ended instead of sending an event"));
    }

    /** The next event if one comes in time; empty otherwise. Fails if the stream ended. */
    Optional<Event> poll(Duration timeout) throws InterruptedException {
        Optional<Event> event = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            return Optional.empty();
        }
        return Optional.of(event.orElseThrow(() -> new AssertionError("the stream ended instead of sending an event")));
    }

    /** Waits for the end of the stream; fails if an event comes instead. */
    void assertEnds(Duration timeout) throws InterruptedException {
        Optional<Event> end = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(end, "the stream did not end within " + timeout);
        assertEquals(Optional.empty(), end, "the stream sent another event instead of ending");
        assertEquals(List.of(), otherLines, "lines in the stream that are no event name, data, id or comment");
    }

    int comments() {
        return comments.get();
    }

    @Override
    public void close() {
        response.body().close();
    }
}

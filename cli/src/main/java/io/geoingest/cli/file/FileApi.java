package io.geoingest.cli.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.cli.CliException;
import io.geoingest.cli.GaveUpWaitingException;
import io.geoingest.cli.config.Connection;
import io.geoingest.cli.http.ApiCalls;
import io.geoingest.cli.http.FileRange;
import io.geoingest.cli.http.Multipart;
import io.geoingest.cli.http.RoundsWithoutNews;
import io.geoingest.cli.http.ServerSentEvents;
import io.geoingest.cli.http.Transport;
import io.geoingest.cli.progress.Progress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLConnection;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** The gIQ file API ({@code ../shared/spec/giq-file-api.txt}) as method calls. */
public final class FileApi {
    /** The status stream's answer to a client that got its last event already. */
    private static final int NO_MORE_EVENTS = 204;

    private final Transport transport;
    private final ObjectMapper json;
    private final ApiCalls calls;

    public FileApi(Connection connection, Transport transport, ObjectMapper json) {
        this.transport = transport;
        this.json = json;
        this.calls = new ApiCalls(connection, transport, json);
    }

    /** Type 1: the whole file in one request. */
    public UploadedFile upload(FileRange file, String fileName, String sourceType, Progress progress) {
        Progress.Transfer transfer = progress.transfer();
        // sourceType goes in the query, as in the spec's example, and as a form field, as in its
        // parameter table: servers read either. fileSize, beyond the spec, lets GeoIngest fail a
        // file whose stored size differs from what was sent.
        String action = "upload of " + fileName;
        return named(action, calls.json(action, () -> {
            Multipart body = new Multipart()
                    .field("sourceType", sourceType)
                    .field("fileSize", Long.toString(file.length()))
                    .file("file", fileName, contentTypeOf(fileName), file.publisher(transfer));
            return calls.request("/public/file/upload?sourceType=" + encode(sourceType))
                    .header("Content-Type", body.contentType())
                    .POST(body.body())
                    .build();
        }, UploadedFile.class, file.length(), Transport.Resending.untilReceived("the server may have made a file of it"
                + " already, which uploading it again would make twice")));
    }

    public UploadTarget generateUploadId(String fileName) {
        // Sent again even when the server may have received it: a copy it did is only an upload
        // that nothing uses, which it aborts once abandoned (after 24 h by default), while ending
        // the command would turn a passing failure into a failed upload.
        return calls.json("start of the chunked upload of " + fileName,
                () -> calls.request("/public/file/generateUploadId?fileName=" + encode(fileName))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(),
                UploadTarget.class, 0, Transport.Resending.ALWAYS);
    }

    /**
     * Sends one chunk; gives the MD5 (Base64) of the bytes the server took, hashed as they were
     * sent (empty if the attempt it took did not read them all, which a 2xx should rule out).
     */
    public Optional<String> uploadChunk(UploadTarget target, int partNumber, FileRange chunk, String fileName,
            Progress.Transfer transfer) {
        // One holder per attempt, and only the last attempt's, whose answer is taken: a body of an
        // attempt given up on may still be read after the next attempt started.
        AtomicReference<AtomicReference<String>> lastAttempt = new AtomicReference<>();
        HttpResponse<InputStream> response = transport.exchange("upload of part " + partNumber + " of " + fileName, () -> {
            AtomicReference<String> sentMd5 = new AtomicReference<>();
            lastAttempt.set(sentMd5);
            Multipart body = new Multipart()
                    .field("uploadId", target.uploadId())
                    .field("partNumber", Integer.toString(partNumber))
                    .field("key", target.key())
                    .file("file", fileName, "application/octet-stream", chunk.publisher(transfer, sentMd5::set));
            return calls.request("/public/file/uploadChunk")
                    .header("Content-Type", body.contentType())
                    .POST(body.body())
                    .build();
        }, chunk.length(), Transport.Resending.REPLACES_ITSELF);
        ApiCalls.discard(response);
        return Optional.ofNullable(lastAttempt.get().get());
    }

    /** Aborts a chunked upload: the server removes the parts it stored. */
    public void abortUpload(String uploadId) {
        ApiCalls.discard(transport.exchange("aborting upload " + uploadId,
                () -> calls.request("/public/file/upload/" + encode(uploadId)).DELETE().build()));
    }

    /** The parts the server has; an {@link io.geoingest.cli.http.ApiException} 404 when it does not know the upload. */
    public StoredParts parts(String uploadId) {
        return calls.json("listing the parts of upload " + uploadId,
                () -> calls.request("/public/file/upload/" + encode(uploadId) + "/parts").GET().build(), StoredParts.class);
    }

    public UploadedFile completeUpload(UploadTarget target, long fileSize, String sourceType, String fileName) {
        byte[] body = calls.write(Map.of("uploadId", target.uploadId(), "key", target.key(), "fileSize", fileSize,
                "sourceType", sourceType));
        String action = "completion of the upload of " + fileName;
        return named(action, calls.json(action,
                () -> calls.request("/public/file/completeUpload")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                // sent again, it finds its upload completed, and the file it made (see ChunkedUpload)
                UploadedFile.class, fileSize, Transport.Resending.ALWAYS));
    }

    /** An answer without the file's id would leave the user a file they cannot follow, nor a script one to use. */
    private static UploadedFile named(String action, UploadedFile answer) {
        if (answer.fileId() == null || answer.fileId().isBlank()) {
            throw new CliException(action + ": the server's answer names no fileId, which the API promises; the server may"
                    + " have made a file of it all the same: see its files before uploading it again");
        }
        return answer;
    }

    /** The status document of a file, every field of it. */
    public JsonNode status(String fileId) {
        return calls.json("status of " + fileId, () -> calls.request("/public/file/status/" + encode(fileId)).GET().build(),
                JsonNode.class);
    }

    /** A presigned URL the file can be downloaded from without an API key. */
    public String downloadUrl(String fileId) {
        HttpResponse<InputStream> response = transport.exchange("download URL of " + fileId,
                () -> calls.request("/public/file/download/url?fileId=" + encode(fileId)).GET().build());
        try (InputStream body = response.body()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new CliException("download URL of " + fileId + ": the answer broke off: " + e.getMessage(), e);
        }
    }

    /**
     * Follows the file's status stream until COMPLETED or FAILED, telling {@code onStatus} of each
     * new status. A stream that falls silent or breaks off is opened again, naming the last event
     * it got (Last-Event-ID), as an EventSource does: the server then sends only the statuses
     * after it, or 204 when there are none, after which the file's status document tells the
     * final one. That goes on as long as streams bring news ({@link RoundsWithoutNews}, a stream
     * a round).
     *
     * @throws GaveUpWaitingException when it gives up so, with the file's outcome still unknown
     */
    public StatusEvent followStatus(String fileId, Consumer<StatusEvent> onStatus) {
        String action = "status stream of " + fileId;
        StatusListener listener = new StatusListener(onStatus);
        RoundsWithoutNews streams = new RoundsWithoutNews(transport.retryPolicy());
        while (true) {
            HttpResponse<InputStream> response = transport.exchange(action, () -> {
                HttpRequest.Builder request = calls.request("/public/file/status/" + encode(fileId) + "/events")
                        .header("Accept", "text/event-stream");
                if (!listener.lastEventId.isEmpty()) {
                    request.header("Last-Event-ID", listener.lastEventId);
                }
                return request.GET().build();
            });
            int newsBefore = listener.news;
            String failure = response.statusCode() == NO_MORE_EVENTS
                    ? readStatusInstead(fileId, response, listener) : readStream(response, listener);
            if (listener.last != null && listener.last.isTerminal()) {
                return listener.last;
            }
            int inARow = streams.ended(listener.news > newsBefore, count -> new GaveUpWaitingException(
                    listener.last == null ? action + ": " + failure
                            : action + ": " + count + " streams in a row ended with the file still " + listener.last.status()
                                    + " (the last: " + failure + "); it may be processing still: see 'geoingest status "
                                    + fileId + "' later"));
            transport.pause(inARow, action + ": " + failure);
        }
    }

    /** Hands the stream's events to {@code listener} until a final status; returns why it ended before one. */
    private static String readStream(HttpResponse<InputStream> response, StatusListener listener) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            ServerSentEvents.read(reader, listener);
            return "the stream ended before a final status";
        } catch (HttpTimeoutException e) {
            return e.getMessage();
        } catch (IOException e) {
            return "the stream broke off (" + e.getClass().getSimpleName() + ")";
        }
    }

    /**
     * After a 204, the status the stream would have brought: the status service answers so once
     * the Last-Event-ID is a final status, and any server may, as it tells an EventSource to stop
     * reconnecting. Returns why no final status came, should the document still not have one.
     */
    private String readStatusInstead(String fileId, HttpResponse<InputStream> response, StatusListener listener) {
        ApiCalls.discard(response);
        listener.heard(StatusEvent.ofStatusDocument(status(fileId)));
        return "the server had no more statuses to send (HTTP 204)";
    }

    /**
     * Hands on each status that differs from the one before, over all the streams of a file, and
     * stops the reading at a final one. Keeps the id of the last event, for a stream opened again.
     */
    private final class StatusListener implements Predicate<ServerSentEvents.Event> {
        private final Consumer<StatusEvent> onStatus;
        private StatusEvent last;
        private int news;
        private String lastEventId = "";

        StatusListener(Consumer<StatusEvent> onStatus) {
            this.onStatus = onStatus;
        }

        @Override
        public boolean test(ServerSentEvents.Event event) {
            lastEventId = event.lastEventId();
            if (!event.name().equals("status")) {
                return true;
            }
            StatusEvent status = read(event.data(), StatusEvent.class);
            heard(status);
            return !status.isTerminal();
        }

        void heard(StatusEvent status) {
            if (last == null || !last.status().equals(status.status())) {
                news++;
                onStatus.accept(status);
            }
            last = status;
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new CliException("the server sent an event that is not what the API promises: " + text, e);
        }
    }

    private static String contentTypeOf(String fileName) {
        return Optional.ofNullable(URLConnection.guessContentTypeFromName(fileName)).orElse("application/octet-stream");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

package io.geoingest.cli.upload;

import java.util.Map;

/**
 * What a chunked upload needs to be resumed by a later run: the server's upload and the file and
 * chunk size it was started for. Saved before the first part is sent, removed after completion.
 *
 * @param file the file's absolute path
 * @param modifiedMillis the file's modification time when the upload started
 * @param server the base URL the upload was started on
 * @param startedAt when the upload started (ISO-8601), for people reading the file
 * @param sentParts the MD5 (Base64) of each part the server took, by part number: size and time do
 *     not tell a file rewritten in place, and a resumed upload must not keep parts of other bytes;
 *     null in a state saved by an older client, which kept none
 */
public record UploadState(
        String file, long size, long modifiedMillis, long chunkSize, String server, String uploadId, String key,
        String startedAt, Map<Integer, String> sentParts) {

    public UploadState {
        // null in a state saved by a client before sentParts: its parts cannot be checked
        sentParts = sentParts == null ? null : Map.copyOf(sentParts);
    }

    public UploadState withSentParts(Map<Integer, String> parts) {
        return new UploadState(file, size, modifiedMillis, chunkSize, server, uploadId, key, startedAt, parts);
    }

    /** Whether this upload was started for this very file (same content, as far as size and time tell) on this server. */
    public boolean isFor(LocalFile localFile, String serverUrl) {
        return file.equals(localFile.path().toString()) && size == localFile.size()
                && modifiedMillis == localFile.modifiedMillis() && server.equals(serverUrl);
    }
}

package io.geoingest.common.storage;

import io.geoingest.common.file.FileNames;
import java.text.Normalizer;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Object keys are made here, on the server, never taken from a client: a key is the id the
 * server chose plus a cleaned-up copy of the file name, so no name can reach outside its folder
 * ({@code ..}, slashes), carry control characters or exceed storage limits.
 */
public final class ObjectKeys {
    /** Where direct uploads store their files, and nothing else stores anything (chunked and STAC uploads go under {@code uploads/}). */
    public static final String FILES_PREFIX = "files/";
    private static final int MAX_NAME_LENGTH = 200;
    private static final Pattern LEADING_DOTS_AND_UNDERSCORES = Pattern.compile("^[._]+");

    private ObjectKeys() {
    }

    public static String forFile(UUID id, String originalName) {
        return FILES_PREFIX + id + "/" + safeName(originalName);
    }

    public static String forUpload(String uploadId, String originalName) {
        return uploadPrefix(uploadId) + safeName(originalName);
    }

    /** Where an upload (chunked or STAC) stores its file: no other upload's key starts so. */
    public static String uploadPrefix(String uploadId) {
        return "uploads/" + uploadId + "/";
    }

    /**
     * Where one received small chunk of a chunked upload waits until completion: a key for each
     * request, so that a part sent again never overwrites or removes a copy that is in use.
     */
    public static String stagedChunk(String uploadId, int partNumber, UUID request) {
        return stagingPrefix(uploadId) + partNumber + "-" + request;
    }

    public static String stagingPrefix(String uploadId) {
        return "staging/" + uploadId + "/";
    }

    /** The last path segment of a name, reduced to letters, digits, dot, dash and underscore. */
    public static String safeName(String originalName) {
        String name = originalName == null ? "" : originalName;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        name = name.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("_{2,}", "_");
        // A leading dot would hide the object or step up a folder; but where nothing of the name was
        // kept before its extension (a name in another script), the extension stays: 文.tif is file.tif.
        Matcher leading = LEADING_DOTS_AND_UNDERSCORES.matcher(name);
        if (leading.find()) {
            String rest = name.substring(leading.end());
            name = leading.group().endsWith(".") && !rest.isEmpty() ? "file." + rest : rest;
        }
        return name.isEmpty() ? "file" : FileNames.shortened(name, MAX_NAME_LENGTH);
    }
}

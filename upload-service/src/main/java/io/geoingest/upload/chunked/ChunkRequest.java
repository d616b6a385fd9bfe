package io.geoingest.upload.chunked;

import io.geoingest.common.error.FileApiProblem;
import io.geoingest.common.text.WholeNumbers;
import io.geoingest.upload.files.RequestValues;
import io.geoingest.upload.files.SpooledFile;
import io.geoingest.upload.multipart.FormContent;
import java.util.Optional;

/** One {@code uploadChunk} call, its parameters checked for shape (the upload itself is checked later). */
public record ChunkRequest(String uploadId, String key, int partNumber, SpooledFile file) {
    static final String UPLOAD_ID = "uploadId";
    static final String KEY = "key";
    static final String PART_NUMBER = "partNumber";
    public static final int MIN_PART_NUMBER = 1;
    public static final int MAX_PART_NUMBER = 10_000;

    /** Each parameter as a form field or in the query ({@link RequestValues#formOrQuery}). */
    public static ChunkRequest of(FormContent<SpooledFile> form, String uploadIdQuery, String keyQuery, String partNumberQuery) {
        return of(RequestValues.formOrQuery(UPLOAD_ID, form.field(UPLOAD_ID), uploadIdQuery).orElse(null),
                RequestValues.formOrQuery(KEY, form.field(KEY), keyQuery).orElse(null),
                RequestValues.formOrQuery(PART_NUMBER, form.field(PART_NUMBER), partNumberQuery, ChunkRequest::partNumber)
                        .map(String::valueOf).orElse(null),
                form.file());
    }

    static ChunkRequest of(String uploadId, String key, String partNumber, Optional<SpooledFile> spooled) {
        String id = RequestValues.firstGiven(uploadId)
                .orElseThrow(() -> FileApiProblem.badRequest("Bad Request: uploadId is required"));
        String objectKey = RequestValues.firstGiven(key)
                .orElseThrow(() -> FileApiProblem.badRequest("Bad Request: key is required"));
        int number = partNumber(RequestValues.firstGiven(partNumber)
                .orElseThrow(() -> FileApiProblem.badRequest("Bad Request: partNumber is required (" + range() + ")")));
        SpooledFile file = spooled.orElseThrow(() -> FileApiProblem.badRequest("Bad Request: file is required"));
        if (file.size() == 0) {
            throw FileApiProblem.badRequest("Bad Request: the chunk is empty");
        }
        return new ChunkRequest(id, objectKey, number, file);
    }

    private static int partNumber(String text) {
        return (int) WholeNumbers.within(text, MIN_PART_NUMBER, MAX_PART_NUMBER).orElseThrow(() ->
                FileApiProblem.badRequest("Bad Request: partNumber must be " + range() + ", not '" + text + "'"));
    }

    private static String range() {
        return "a whole number from " + MIN_PART_NUMBER + " to " + MAX_PART_NUMBER;
    }
}

package io.geoingest.upload.direct;

import io.geoingest.common.error.FileApiProblem;
import io.geoingest.common.file.SourceType;
import io.geoingest.upload.files.RequestValues;
import io.geoingest.upload.multipart.FormContent;
import java.util.Optional;

/** A checked direct upload: a stored, non-empty file, its source type and the size the client declared, if any. */
record DirectUpload(StoredFile file, SourceType sourceType, Optional<Long> declaredSize) {
    static final String SOURCE_TYPE = "sourceType";
    static final String FILE_SIZE = "fileSize";

    /** Checks the query parameters before the body is read, so that a mistake there costs no upload. */
    static void checkQuery(String sourceType, String fileSize) {
        RequestValues.sourceType(RequestValues.firstGiven(sourceType));
        RequestValues.firstGiven(fileSize).ifPresent(size -> RequestValues.byteCount(FILE_SIZE, size));
    }

    /** Each parameter as a form field or in the query ({@link RequestValues#formOrQuery}). */
    static DirectUpload of(FormContent<StoredFile> form, String sourceTypeQuery, String fileSizeQuery) {
        StoredFile file = form.file().orElseThrow(() -> FileApiProblem.badRequest("Bad Request: file is required"));
        if (file.empty()) {
            throw FileApiProblem.badRequest("Bad Request: the file is empty");
        }
        return new DirectUpload(file,
                RequestValues.formOrQuery(SOURCE_TYPE, form.field(SOURCE_TYPE), sourceTypeQuery,
                        text -> RequestValues.sourceType(Optional.of(text))).orElse(SourceType.UNKNOWN),
                RequestValues.formOrQuery(FILE_SIZE, form.field(FILE_SIZE), fileSizeQuery,
                        size -> RequestValues.byteCount(FILE_SIZE, size)));
    }
}

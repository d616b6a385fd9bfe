package io.geoingest.upload.direct;

import io.geoingest.common.file.SourceType;
import io.geoingest.upload.ApiProblem;
import io.geoingest.upload.files.RequestValues;
import java.util.Optional;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** A checked direct upload request: a non-empty file, its source type and the size the client declared, if any. */
public record DirectUpload(FileUpload file, SourceType sourceType, Optional<Long> declaredSize) {

    public static DirectUpload of(FileUpload file, Optional<String> sourceType, Optional<String> declaredSize) {
        if (file == null) {
            throw ApiProblem.badRequest("Bad Request: file is required");
        }
        if (file.size() == 0) {
            throw ApiProblem.badRequest("Bad Request: the file is empty");
        }
        return new DirectUpload(file, RequestValues.sourceType(sourceType),
                declaredSize.map(size -> RequestValues.byteCount("fileSize", size)));
    }
}

package io.geoingest.common.event;

import java.util.List;

/** Kafka topic names of the design; channels in every service are bound to these. */
public final class Topics {
    public static final String FILE_UPLOADED = "file-uploaded";
    public static final String FILE_STATUS = "file-status";
    public static final String FILE_UPLOADED_DLQ = "file-uploaded-dlq";
    public static final List<String> ALL = List.of(FILE_UPLOADED, FILE_STATUS, FILE_UPLOADED_DLQ);

    private Topics() {
    }
}

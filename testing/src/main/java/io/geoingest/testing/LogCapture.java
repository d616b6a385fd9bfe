package io.geoingest.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/** Every log line written while it is open, with the file id of its log context, as a log reader gets them. */
public final class LogCapture extends Handler implements AutoCloseable {

    /** @param fileId the {@code fileId} of the log context, empty when there was none */
    public record Line(String fileId, String logger, String message) {
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();

    private LogCapture() {
    }

    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void publish(LogRecord record) {
        if (record instanceof ExtLogRecord extended) {
            String fileId = extended.getMdc("fileId");
            lines.add(new Line(fileId == null ? "" : fileId, record.getLoggerName(), extended.getFormattedMessage()
                    + (record.getThrown() == null ? "" : " " + record.getThrown())));
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}

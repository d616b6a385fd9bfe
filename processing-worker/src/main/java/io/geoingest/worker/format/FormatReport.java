package io.geoingest.worker.format;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.text.Storable;
import java.time.Instant;
import java.util.Optional;
import org.locationtech.jts.geom.Polygon;

/**
 * What a format reader found in a file.
 *
 * @param format      the format the bytes are in
 * @param details     format-specific metadata (dimensions, CRS, feature count...), stored on the file
 * @param wgs84Bounds where the data lies, in longitude and latitude, when the format tells
 * @param footprint   the outline of where it lies, when the box around it says too much (a
 *                    projected or rotated raster); the box is the footprint otherwise
 * @param start       the start of the time the data covers, when the format tells
 * @param end         the end of that time (the same as start for a single instant)
 * @param problem     why the file cannot be used although its format was recognised, worded for the uploader
 */
public record FormatReport(
        Format format,
        ObjectNode details,
        Optional<Bounds> wgs84Bounds,
        Optional<Polygon> footprint,
        Optional<Instant> start,
        Optional<Instant> end,
        Optional<String> problem) {
    /** Longest text from a file kept in its metadata: a name or a tag, not a document. */
    static final int MAX_DETAIL_TEXT = 1000;

    /**
     * What a file says goes into rows and events as it is stored: see {@link Storable}. A problem
     * becomes the reason of a FAILED file, which is made storable where every reason is.
     */
    public FormatReport {
        details = (ObjectNode) Storable.json(details, MAX_DETAIL_TEXT);
    }

    /** A report whose place, if any, is its box. */
    public FormatReport(Format format, ObjectNode details, Optional<Bounds> wgs84Bounds, Optional<Instant> start,
            Optional<Instant> end, Optional<String> problem) {
        this(format, details, wgs84Bounds, Optional.empty(), start, end, problem);
    }

    /** A format recognised from its signature alone, with nothing read beyond it. */
    public static FormatReport recognised(Format format) {
        return new FormatReport(format, JsonNodeFactory.instance.objectNode(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    public static FormatReport unreadable(Format format, String problem) {
        return new FormatReport(format, JsonNodeFactory.instance.objectNode(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(problem));
    }

    public FormatReport withDetails(ObjectNode newDetails) {
        return new FormatReport(format, newDetails, wgs84Bounds, footprint, start, end, problem);
    }
}

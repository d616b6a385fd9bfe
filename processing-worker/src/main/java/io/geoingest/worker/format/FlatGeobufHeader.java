package io.geoingest.worker.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import javax.imageio.stream.ImageInputStream;
import org.wololo.flatgeobuf.PackedRTree;
import org.wololo.flatgeobuf.generated.Column;
import org.wololo.flatgeobuf.generated.ColumnType;
import org.wololo.flatgeobuf.generated.Crs;
import org.wololo.flatgeobuf.generated.Header;

/**
 * A FlatGeobuf file, described by its header alone (read from storage with the flatgeobuf
 * library's classes, none of the features): the layer's name, geometry type, feature count,
 * columns, CRS and box, which GDAL and the other writers keep there. A header that declares more
 * bytes than the file holds, or a spatial index longer than what follows it, means the file was
 * cut off.
 */
final class FlatGeobufHeader {
    private static final byte[] MAGIC = {'f', 'g', 'b', 3, 'f', 'g', 'b'};
    /** The magic bytes and the header's length before it. */
    private static final int PREAMBLE = 12;
    /** GDAL refuses headers over 10 MiB; one that says more is no header. */
    private static final int MAX_HEADER = 10 * 1024 * 1024;
    private static final int LISTED_COLUMNS = 100;
    /** The types of the format's geometry enumeration (WKB's) that GeoJSON has names for. */
    private static final Map<Integer, String> GEOMETRY_TYPES = Map.of(1, "Point", 2, "LineString", 3, "Polygon",
            4, "MultiPoint", 5, "MultiLineString", 6, "MultiPolygon", 7, "GeometryCollection");

    private FlatGeobufHeader() {
    }

    /** Whether the file starts with FlatGeobuf's signature (version 3, any patch level). */
    static boolean isFlatGeobuf(byte[] head) {
        if (head.length < MAGIC.length + 1) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    static FormatReport read(ImageInputStream object) throws IOException {
        long length = object.length();
        if (length < PREAMBLE) {
            return truncated("it ends within its first " + PREAMBLE + " bytes");
        }
        byte[] preamble = new byte[PREAMBLE];
        object.seek(0);
        object.readFully(preamble);
        long headerLength = Integer.toUnsignedLong(ByteBuffer.wrap(preamble).order(ByteOrder.LITTLE_ENDIAN).getInt(MAGIC.length + 1));
        if (headerLength > MAX_HEADER) {
            return FormatReport.unreadable(Format.FLATGEOBUF, "the FlatGeobuf file is damaged: its header declares "
                    + headerLength + " bytes, more than the " + MAX_HEADER + " a header may have");
        }
        if (PREAMBLE + headerLength > length) {
            return truncated("its header declares " + headerLength + " bytes, but only " + (length - PREAMBLE)
                    + " follow");
        }
        byte[] bytes = new byte[(int) headerLength];
        object.readFully(bytes);
        try {
            return describe(Header.getRootAsHeader(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)), length,
                    PREAMBLE + headerLength);
        } catch (RuntimeException damaged) {
            // a table whose offsets point outside the header: the accessors read out of bounds
            return FormatReport.unreadable(Format.FLATGEOBUF, "the FlatGeobuf file's header is damaged: its tables"
                    + " point outside it (" + damaged.getClass().getSimpleName() + ")");
        }
    }

    private static FormatReport describe(Header header, long length, long featuresStart) {
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        text(header.name()).ifPresent(name -> details.put("name", name));
        text(header.title()).ifPresent(title -> details.put("title", title));
        text(header.description()).ifPresent(description -> details.put("description", description));
        long count = header.featuresCount();
        // 0 is how a writer that streamed its features says it did not count them
        if (count > 0) {
            details.put("featureCount", count);
        }
        ArrayNode types = details.putArray("geometryTypes");
        Optional.ofNullable(GEOMETRY_TYPES.get(header.geometryType())).ifPresent(types::add);
        if (header.hasZ()) {
            details.put("hasZ", true);
        }
        if (header.hasM()) {
            details.put("hasM", true);
        }
        ArrayNode columns = details.putArray("columns");
        for (int i = 0; i < Math.min(header.columnsLength(), LISTED_COLUMNS); i++) {
            Column column = header.columns(i);
            String type = column.type() >= 0 && column.type() < ColumnType.names.length
                    ? ColumnType.names[column.type()].toLowerCase(Locale.ROOT) : "unknown";
            columns.addObject().put("name", text(column.name()).orElse("")).put("type", type);
        }
        boolean indexed = header.indexNodeSize() > 0 && count > 0;
        details.put("spatialIndex", indexed);
        if (indexed) {
            long indexEnd = featuresStart + PackedRTree.calcSize((int) Math.min(count, Integer.MAX_VALUE),
                    header.indexNodeSize());
            if (indexEnd > length) {
                return truncated("its spatial index of " + count + " features ends at byte " + indexEnd + ", but only "
                        + length + " bytes were stored");
            }
        }
        OptionalInt epsg = epsg(header.crs());
        epsg.ifPresent(code -> details.put("crs", "EPSG:" + code).put("epsg", code));
        Optional<Bounds> box = box(header);
        box.ifPresent(own -> details.set("bbox", own.toJson()));
        Optional<Bounds> wgs84 = epsg.isPresent() ? box.flatMap(own -> Wgs84.fromEpsg(epsg.getAsInt(), own))
                : Optional.empty();
        wgs84.ifPresent(place -> details.set("bboxWgs84", place.toJson()));
        return new FormatReport(Format.FLATGEOBUF, details, wgs84, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The CRS's EPSG code: the header's code, when its organisation is EPSG (or unnamed, which means EPSG). */
    private static OptionalInt epsg(Crs crs) {
        if (crs == null || crs.code() <= 0) {
            return OptionalInt.empty();
        }
        String organisation = text(crs.org()).orElse("EPSG");
        return organisation.equalsIgnoreCase("EPSG") ? OptionalInt.of(crs.code()) : OptionalInt.empty();
    }

    /** The envelope, minimum x and y then maximum, when the writer gave one that is a box. */
    private static Optional<Bounds> box(Header header) {
        if (header.envelopeLength() < 4) {
            return Optional.empty();
        }
        Bounds box = new Bounds(header.envelope(0), header.envelope(1), header.envelope(2), header.envelope(3));
        boolean finite = Double.isFinite(box.minX()) && Double.isFinite(box.minY()) && Double.isFinite(box.maxX())
                && Double.isFinite(box.maxY());
        return finite && box.minX() <= box.maxX() && box.minY() <= box.maxY() ? Optional.of(box) : Optional.empty();
    }

    private static Optional<String> text(String value) {
        return Optional.ofNullable(value).map(String::trim).filter(text -> !text.isEmpty());
    }

    private static FormatReport truncated(String what) {
        return FormatReport.unreadable(Format.FLATGEOBUF, "the FlatGeobuf file is truncated: " + what
                + "; upload the complete file");
    }
}

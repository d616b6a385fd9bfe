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
import java.util.SortedSet;
import java.util.TreeSet;
import javax.imageio.stream.ImageInputStream;
import org.wololo.flatgeobuf.PackedRTree;
import org.wololo.flatgeobuf.generated.Column;
import org.wololo.flatgeobuf.generated.ColumnType;
import org.wololo.flatgeobuf.generated.Crs;
import org.wololo.flatgeobuf.generated.Feature;
import org.wololo.flatgeobuf.generated.Geometry;
import org.wololo.flatgeobuf.generated.Header;

/**
 * A FlatGeobuf file, described by its header (read from storage with the flatgeobuf library's
 * classes): the layer's name, geometry type, feature count, columns, CRS and box, which GDAL and
 * the other writers keep there; the geometry types of a layer of several are those of its first
 * features. A header that declares more
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
    /** The geometry type of a header whose features are of several types, each typing itself. */
    private static final int UNKNOWN_TYPE = 0;
    /** The fewest children a node of the spatial index has; 0 says there is no index. */
    private static final int MIN_INDEX_NODE_SIZE = 2;
    private static final int SAMPLED_FEATURES = 1000;
    private static final int SAMPLED_BYTES = 16 * 1024 * 1024;
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
            return describe(Header.getRootAsHeader(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)), object,
                    PREAMBLE + headerLength);
        } catch (RuntimeException damaged) {
            // a table whose offsets point outside the header: the accessors read out of bounds
            return FormatReport.unreadable(Format.FLATGEOBUF, "the FlatGeobuf file's header is damaged: its tables"
                    + " point outside it (" + damaged.getClass().getSimpleName() + ")");
        }
    }

    private static FormatReport describe(Header header, ImageInputStream object, long afterHeader) throws IOException {
        long length = object.length();
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
        long featuresStart = afterHeader;
        if (indexed) {
            if (header.indexNodeSize() < MIN_INDEX_NODE_SIZE) {
                return FormatReport.unreadable(Format.FLATGEOBUF, "the FlatGeobuf file's header is damaged: its"
                        + " spatial index's node size is " + header.indexNodeSize() + ", where FlatGeobuf's is 0 (no"
                        + " index) or at least " + MIN_INDEX_NODE_SIZE);
            }
            featuresStart += PackedRTree.calcSize((int) Math.min(count, Integer.MAX_VALUE), header.indexNodeSize());
            if (featuresStart > length) {
                return truncated("its spatial index of " + count + " features ends at byte " + featuresStart
                        + ", but only " + length + " bytes were stored");
            }
        }
        if (header.geometryType() == UNKNOWN_TYPE) {
            int sampled = sampleTypes(object, featuresStart, types);
            details.put("geometryTypesSampled", sampled);
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

    /**
     * The geometry types of the first features of a layer whose header names none (features of
     * several kinds, as GDAL writes "Unknown"), into {@code types}: up to {@value #SAMPLED_FEATURES}
     * features or {@value #SAMPLED_BYTES} bytes of them, read from storage; a feature that does not
     * hold together ends the sample.
     *
     * @return how many features were read
     */
    private static int sampleTypes(ImageInputStream object, long featuresStart, ArrayNode types) throws IOException {
        SortedSet<String> found = new TreeSet<>();
        long position = featuresStart;
        long bytes = 0;
        int read = 0;
        byte[] prefix = new byte[Integer.BYTES];
        while (read < SAMPLED_FEATURES && position + prefix.length <= object.length()) {
            object.seek(position);
            object.readFully(prefix);
            long size = Integer.toUnsignedLong(ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getInt());
            if (size == 0 || position + prefix.length + size > object.length() || bytes + size > SAMPLED_BYTES) {
                break;
            }
            byte[] feature = new byte[(int) size];
            object.readFully(feature);
            try {
                Geometry geometry = Feature.getRootAsFeature(ByteBuffer.wrap(feature).order(ByteOrder.LITTLE_ENDIAN))
                        .geometry();
                if (geometry != null) {
                    Optional.ofNullable(GEOMETRY_TYPES.get(geometry.type())).ifPresent(found::add);
                }
            } catch (RuntimeException damaged) {
                break;
            }
            read++;
            bytes += size;
            position += prefix.length + size;
        }
        found.forEach(types::add);
        return read;
    }

    /**
     * The CRS's EPSG code: the header's code, when its organisation is EPSG (or unnamed, which means
     * EPSG), else the one its WKT gives (GDAL writes OGC's CRS84 as WKT alone, with code 0).
     */
    private static OptionalInt epsg(Crs crs) {
        if (crs == null) {
            return OptionalInt.empty();
        }
        boolean epsgCode = crs.code() > 0 && text(crs.org()).orElse("EPSG").equalsIgnoreCase("EPSG");
        return epsgCode ? OptionalInt.of(crs.code()) : WktCrs.epsg(crs.wkt());
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

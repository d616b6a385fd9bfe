package io.geoingest.worker.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.common.file.SourceType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.imageio.stream.ImageInputStream;

/**
 * Chooses, from a file's first bytes, how its format is read during the single pass over it:
 * from the first bytes alone, as a stream alongside the checksum (JSON), or from a temporary copy
 * made during the pass (formats that need random access: TIFF, HDF5, GeoPackage...).
 */
@ApplicationScoped
public class FormatReaders {
    private static final Map<String, Format> RASTER_MEDIA_TYPES = Map.of(
            "image/tiff", Format.TIFF,
            "image/png", Format.PNG,
            "image/jpeg", Format.JPEG,
            "image/jp2", Format.JPEG2000,
            RasterReader.JPEG2000_CODESTREAM, Format.JPEG2000);

    private static final Set<SourceType> GEOMETRY_TYPES = EnumSet.of(SourceType.POINT, SourceType.LINESTRING,
            SourceType.POLYGON, SourceType.GEOMETRYCOLLECTION);

    /** The endings of GeoJSON files' names: documents, and text sequences (RFC 8142) or one feature per line. */
    private static final List<String> GEOJSON_NAMES = List.of(".geojson", ".geojsons", ".geojsonseq", ".geojsonl");

    @Inject
    ObjectMapper json;

    /** How a file is read. */
    public sealed interface Plan {
        /** Everything there is to know came from the first bytes. */
        record FromHead(FormatReport report) implements Plan {
        }

        /** The reader consumes the pass's stream itself; {@code format} is what the file claims to be. */
        record Streaming(Format format, StreamReader reader) implements Plan {
        }

        /**
         * The reader reads a few parts of the stored object after the pass (a video's boxes, which
         * may lie after gigabytes of frames): nothing is copied.
         */
        record InStorage(Format format, StoredObjectReader reader) implements Plan {
        }

        /**
         * The reader needs the whole file at hand: the pass copies it to a temporary file first. A
         * file over the spool limit is described by {@code inStorage}, where the format allows it,
         * from the few parts of the stored object it reads (a TIFF's tags, a NetCDF or HDF5 file's
         * structure and coordinates).
         */
        record FromFile(Format format, FileReader reader, Optional<StoredObjectReader> inStorage) implements Plan {
            public FromFile(Format format, FileReader reader) {
                this(format, reader, Optional.empty());
            }
        }
    }

    @FunctionalInterface
    public interface StreamReader {
        FormatReport read(InputStream in) throws IOException;
    }

    @FunctionalInterface
    public interface FileReader {
        FormatReport read(Path file) throws IOException;
    }

    @FunctionalInterface
    public interface StoredObjectReader {
        /** @param object the stored object, read where the reader seeks (its length is the object's) */
        FormatReport read(ImageInputStream object) throws IOException;
    }

    /**
     * @param mediaType the media type detected from the bytes
     * @param head      the first bytes of the file (fewer for a small file)
     * @param fileName  the name the file was uploaded with
     * @param declared  the source type the uploader declared
     */
    public Plan plan(String mediaType, byte[] head, String fileName, SourceType declared) {
        Plan plan = byContent(mediaType, head, fileName, declared);
        // Content the declared type cannot hold fails anyway: no need to read it further.
        if (plan instanceof Plan.FromFile fromFile && fromFile.format().familyKnownBeforeReading()
                && !SourceTypeRules.holds(declared, fromFile.format().family())) {
            return new Plan.FromHead(FormatReport.recognised(fromFile.format()));
        }
        if (plan instanceof Plan.InStorage inStorage && !SourceTypeRules.holds(declared, inStorage.format().family())) {
            return new Plan.FromHead(FormatReport.recognised(inStorage.format()));
        }
        return plan;
    }

    private Plan byContent(String mediaType, byte[] head, String fileName, SourceType declared) {
        var signature = NetCdfReader.bySignature(head);
        if (signature.isPresent()) {
            if (signature.get() == Format.HDF5) {
                return new Plan.FromFile(Format.HDF5, NetCdfReader::hdf5, Optional.of(NetCdfReader::hdf5InStorage));
            }
            return NetCdfReader.isClassic(head)
                    ? new Plan.FromFile(Format.NETCDF, NetCdfReader::classic, Optional.of(NetCdfReader::classicInStorage))
                    : new Plan.FromHead(NetCdfReader.unknownClassicVersion(head));
        }
        if (GeoPackageReader.isGeoPackage(head)) {
            return new Plan.FromFile(Format.GEOPACKAGE, GeoPackageReader::read);
        }
        if (FlatGeobufHeader.isFlatGeobuf(head)) {
            return new Plan.InStorage(Format.FLATGEOBUF, FlatGeobufHeader::read);
        }
        Optional<Format> tile = TileContent.bySignature(head);
        if (tile.isPresent()) {
            // after the pass only for the stored length: the header is in the head already
            return new Plan.InStorage(tile.get(), object -> TileContent.read(head, object.length(), tile.get()));
        }
        if (mediaType.startsWith("image/") && !mediaType.contains("svg")) {
            Format format = RASTER_MEDIA_TYPES.getOrDefault(mediaType, Format.OTHER_IMAGE);
            if (!RasterReader.reads(mediaType)) {
                return new Plan.FromHead(FormatReport.recognised(format));
            }
            return new Plan.FromFile(format, file -> {
                FormatReport report = RasterReader.read(file, format, mediaType);
                return format == Format.JPEG ? CameraMetadata.addToJpeg(report, file) : report;
            }, format == Format.TIFF ? Optional.of(RasterReader::readTiffInStorage) : Optional.empty());
        }
        if (ZipContents.mayBe(mediaType)) {
            // what a ZIP holds is known only once its directory is read
            boolean namedKmz = Format.KMZ.hasMediaType(mediaType);
            return new Plan.InStorage(Format.UNRECOGNISED, object -> ZipContents.read(object, namedKmz));
        }
        if (LandsatProduct.mayBe(mediaType)) {
            return new Plan.Streaming(Format.UNRECOGNISED, LandsatProduct::read);
        }
        if (VideoMetadata.reads(mediaType)) {
            return new Plan.InStorage(Format.VIDEO, object -> VideoMetadata.read(object, mediaType));
        }
        if (mediaType.startsWith("video/")) {
            return new Plan.FromHead(FormatReport.recognised(Format.VIDEO));
        }
        if (Format.KML.hasMediaType(mediaType)) {
            return new Plan.Streaming(Format.KML, KmlDocument::read);
        }
        if (Format.GPX.hasMediaType(mediaType)) {
            return new Plan.Streaming(Format.GPX, GpxDocument::read);
        }
        if (Format.GML.hasMediaType(mediaType)) {
            return new Plan.Streaming(Format.GML, GmlDocument::read);
        }
        if (startsLikeJson(head)) {
            boolean claimsJson = claimsJson(mediaType, fileName, declared);
            Format claimed = claimedJsonFormat(fileName, declared);
            JsonDocumentReader reader = new JsonDocumentReader(json);
            return new Plan.Streaming(claimed, in -> {
                try {
                    return reader.read(in);
                } catch (UnreadableFileException e) {
                    // Text that merely starts like JSON is only an error for files meant to be JSON.
                    return claimsJson ? FormatReport.unreadable(claimed, e.getMessage())
                            : FormatReport.recognised(Format.UNRECOGNISED);
                }
            });
        }
        return new Plan.FromHead(FormatReport.recognised(Format.UNRECOGNISED));
    }

    private static boolean claimsJson(String mediaType, String fileName, SourceType declared) {
        String name = fileName.toLowerCase(Locale.ROOT);
        return SourceTypeRules.expectsJson(declared) || mediaType.contains("json")
                || name.endsWith(".json") || name.endsWith(".czml") || GEOJSON_NAMES.stream().anyMatch(name::endsWith);
    }

    private static Format claimedJsonFormat(String fileName, SourceType declared) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (declared == SourceType.CZML || name.endsWith(".czml")) {
            return Format.CZML;
        }
        if (GEOMETRY_TYPES.contains(declared) || GEOJSON_NAMES.stream().anyMatch(name::endsWith)) {
            return Format.GEOJSON;
        }
        return Format.JSON;
    }

    /** The first character after an optional byte order mark and white space opens an object or array. */
    private static boolean startsLikeJson(byte[] head) {
        int i = head.length >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf ? 3 : 0;
        while (i < head.length && Character.isWhitespace(head[i])) {
            i++;
        }
        return i < head.length && (head[i] == '{' || head[i] == '[');
    }
}

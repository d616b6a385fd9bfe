package io.geoingest.worker.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi;
import io.geoingest.common.error.RootCause;
import io.geoingest.common.time.StorableDates;
import java.awt.image.DataBuffer;
import java.awt.image.SampleModel;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import org.locationtech.jts.geom.Polygon;

/**
 * Raster images through Java ImageIO: the JDK's TIFF, PNG and JPEG readers, and JAI ImageIO's
 * JPEG 2000 reader; TIFF tags through {@link TiffTags}. Besides the header (size, bands, data
 * type, and for GeoTIFF the CRS and bounds), every pixel is decoded once, subsampled so that memory
 * stays small, because only a full decode tells a damaged or truncated image from a good one.
 */
final class RasterReader {
    /** The decoded image keeps at most this many pixels along its longer side. */
    private static final int DECODED_SIDE = 256;
    /**
     * The TIFF and JPEG 2000 readers decode a whole strip or tile at a time, whatever the
     * subsampling: one larger than this (a single-strip image of 40,000 x 40,000 pixels compresses
     * to 2 MB) is not decoded, since it could take the worker's heap, and other files' with it.
     */
    static final long DECODED_AT_ONCE = 64L << 20;
    /**
     * The MiB of strips or tiles that the files processed in parallel may hold decoded at the same
     * time: four files of 40 MiB strips at once would take the worker's heap, so the later ones wait.
     * Tests hold it to stand for other files' decoding. Fair, so a file that needs all of it is not
     * passed over again and again by files that need less.
     */
    static final Semaphore DECODING_MIB = new Semaphore((int) (DECODED_AT_ONCE >> 20), true);
    /**
     * How long a file waits for its part of {@link #DECODING_MIB}, a time its read-timeout leaves
     * out ({@link WaitingTime}): a file that waited in vain is read again, not FAILED.
     */
    private static final Duration DECODING_WAIT = Duration.ofMinutes(5);
    /**
     * Tiles times bands that the JPEG 2000 decoder may set up for one file: it took 41 MB of heap
     * for 65,280 tiles of 3 bands, so this is some 14 MB. Real images stay far below (a Sentinel-2
     * band: 121 tiles; a 224-band hyperspectral scene in 121 tiles: 27,104).
     */
    private static final long MAX_TILE_BANDS = 65_536;
    /** Tika's type of a raw JPEG 2000 codestream (.j2k, .j2c), which the JPEG 2000 reader reads as it reads JP2. */
    static final String JPEG2000_CODESTREAM = "image/x-jp2-codestream";
    /** What the JDK's TIFF reader says when a strip or tile lies beyond the end of the file. */
    private static final String TIFF_DATA_BEYOND_END = "Data segment out of stream";
    /** How far from a JPEG's end its end-of-image marker is looked for. */
    private static final int END_OF_IMAGE_WITHIN = 1024;
    /** The TIFF standard's date, or else ISO 8601's (see {@link #tiffDateTime}). */
    private static final DateTimeFormatter TIFF_DATE_TIME = new DateTimeFormatterBuilder()
            .appendOptional(DateTimeFormatter.ofPattern("uuuu:MM:dd HH:mm:ss"))
            .appendOptional(DateTimeFormatter.ISO_DATE_TIME)
            .toFormatter();

    private RasterReader() {
    }

    /** Whether ImageIO can read images of this media type (so it counts as a raster image). */
    static boolean reads(String mediaType) {
        return "image/jp2".equals(mediaType) || JPEG2000_CODESTREAM.equals(mediaType)
                || ImageIO.getImageReadersByMIMEType(mediaType).hasNext();
    }

    static FormatReport read(Path file, Format expected, String mediaType) throws IOException {
        return read(file, expected, mediaType, DECODING_WAIT);
    }

    /**
     * @param decodingWait how long to wait for a part of {@link #DECODING_MIB}
     * @throws IOException when none came free in time: the worker was busy decoding other files,
     *                     which says nothing of this one, so the read is tried again as after a
     *                     storage fault, and not FAILED as damaged
     */
    static FormatReport read(Path file, Format expected, String mediaType, Duration decodingWait) throws IOException {
        DecodingShare share = new DecodingShare(decodingWait);
        try {
            return read(file, expected, mediaType, share);
        } finally {
            // Only here is the reader, and the strips or tiles it keeps, no longer reachable.
            share.giveBack();
        }
    }

    private static FormatReport read(Path file, Format expected, String mediaType, DecodingShare share)
            throws IOException {
        String name = expected == Format.OTHER_IMAGE ? mediaType : expected.title();
        try (ImageInputStream input = new FileImageInputStream(file.toFile())) {
            if (expected == Format.TIFF) {
                return describeTiff(input, Files.size(file), Optional.of(share));
            }
            if (expected == Format.JPEG) {
                Optional<JpegFrame> frame = JpegFrame.of(input);
                Optional<String> missing = frame.flatMap(JpegFrame::undecodable);
                if (missing.isPresent()) {
                    return describeFromFrame(frame.get(), missing.get(), file);
                }
            }
            Optional<Jpeg2000Layout> layout = Optional.empty();
            if (expected == Format.JPEG2000) {
                layout = Jpeg2000Layout.of(file);
                Optional<FormatReport> headerOnly = layout.flatMap(RasterReader::beyondTileBudget);
                if (headerOnly.isPresent()) {
                    return headerOnly.get();
                }
            }
            Optional<ImageReader> found = readerFor(expected, input);
            if (found.isEmpty()) {
                return withoutSignature(expected, name);
            }
            ImageReader reader = found.get();
            try {
                reader.setInput(input, true, false);
                FormatReport report = describe(reader, expected, name, share, layout);
                return layout.isEmpty() ? report : withGeoreference(report, layout.get(), file);
            } finally {
                reader.dispose();
            }
        } catch (UnreadableFileException e) {
            return FormatReport.unreadable(expected, e.getMessage());
        } catch (EOFException e) {
            // The copy being read is whole, so reading past its end is about the image, not the storage.
            return FormatReport.unreadable(expected,
                    truncated(name, "it holds fewer pixels than its width and height call for", Files.size(file)));
        } catch (IIOException | RuntimeException e) {
            // ImageIO reports a damaged image as IIOException; some plugins as runtime exceptions.
            if (expected == Format.TIFF && TIFF_DATA_BEYOND_END.equals(e.getMessage())) {
                return FormatReport.unreadable(expected,
                        truncated(name, "its directory points to image data beyond its last byte", Files.size(file)));
            }
            return FormatReport.unreadable(expected, "the " + name + " image is damaged or truncated ("
                    + RootCause.message(e) + ")");
        }
    }

    /** The readers know each format's signature, so the type came from the file's name alone. */
    private static FormatReport withoutSignature(Format expected, String name) {
        return FormatReport.unreadable(expected, "the file is named like a " + name
                + " image but its bytes are not one (they do not start with a " + name + " signature)");
    }

    /**
     * A TIFF over the spool limit, as it lies in storage: described from its tags, which take a few
     * ranged reads of the object whatever its size, its pixels not decoded.
     */
    static FormatReport readTiffInStorage(ImageInputStream object) throws IOException {
        try {
            return describeTiff(object, object.length(), Optional.empty());
        } catch (UnreadableFileException e) {
            return FormatReport.unreadable(Format.TIFF, e.getMessage());
        }
    }

    /**
     * A TIFF is described from its tags, which {@link TiffTags} reads for classic TIFF and BigTIFF,
     * and its pixels decoded where the JDK's reader can (and {@code decoding} allows: the file is at
     * hand); where it cannot, the file is still checked for strips or tiles beyond its end, the
     * damage a large upload most often suffers.
     */
    private static FormatReport describeTiff(ImageInputStream input, long size, Optional<DecodingShare> decoding)
            throws IOException, UnreadableFileException {
        String name = Format.TIFF.title();
        Optional<TiffTags> read;
        try {
            read = TiffTags.read(input);
        } catch (EOFException cutShort) {
            return FormatReport.unreadable(Format.TIFF, truncated(name, cutShort.getMessage(), size));
        }
        if (read.isEmpty()) {
            return withoutSignature(Format.TIFF, name);
        }
        TiffTags tags = read.get();
        if (tags.dataBeyond(size)) {
            return FormatReport.unreadable(Format.TIFF,
                    truncated(name, "its directory points to image data beyond its last byte", size));
        }
        int width = (int) tags.integer(BaselineTIFFTagSet.TAG_IMAGE_WIDTH).orElse(0);
        int height = (int) tags.integer(BaselineTIFFTagSet.TAG_IMAGE_LENGTH).orElse(0);
        if (width <= 0 || height <= 0) {
            return FormatReport.unreadable(Format.TIFF, "the TIFF image is damaged: its directory gives no width or"
                    + " height");
        }
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.put("width", width);
        details.put("height", height);
        long bands = tags.integer(BaselineTIFFTagSet.TAG_SAMPLES_PER_PIXEL).orElse(1);
        details.put("bands", bands);
        details.put("dataType", tags.dataType());
        List<TiffTags.BandScaling> scaling = tags.bandScaling(bands);
        if (!scaling.isEmpty()) {
            ArrayNode byBand = details.putArray("bandScaling");
            scaling.forEach(band -> byBand.add(bandScaling(band)));
        }
        if (hasAlpha(tags)) {
            details.put("alpha", true);
        }
        tags.text(TiffTags.TAG_GDAL_NODATA).ifPresent(noData -> details.put("noData", noData));
        Optional<Instant> taken = tags.text(BaselineTIFFTagSet.TAG_DATE_TIME).flatMap(RasterReader::tiffDateTime);
        Format format = Format.TIFF;
        Place place = Place.NOWHERE;
        Optional<GeoTiffGeoreference> georeference = GeoTiffGeoreference.of(tags, width, height);
        details.put("cloudOptimized", tags.cloudOptimized());
        if (georeference.isPresent()) {
            format = tags.cloudOptimized() ? Format.CLOUD_OPTIMIZED_GEOTIFF : Format.GEOTIFF;
            place = georeference(georeference.get(), width, height, details);
        }
        Optional<String> undecodable = tags.undecodable();
        if (undecodable.isPresent()) {
            details.put("note", notDecoded(undecodable.get()));
        } else if (tags.sparse()) {
            details.put("note", "the pixels were not decoded to check them: some of its strips or tiles hold no data"
                    + " (a sparse file, as GDAL writes with SPARSE_OK=YES), which the worker's decoder does not take;"
                    + " its header was read, and its strips or tiles lie within the file");
        } else if (decoding.isEmpty()) {
            details.put("note", "the pixels were not decoded to check them: the file is larger than the worker's"
                    + " spool limit (geoingest.worker.spool-limit); its header was read from storage, and its strips"
                    + " or tiles lie within the file");
        } else {
            Optional<ImageReader> found = readerFor(Format.TIFF, input);
            if (found.isEmpty()) {
                return withoutSignature(Format.TIFF, name);
            }
            ImageReader reader = found.get();
            try {
                // Only the tags it decodes with, which include where the strips or tiles lie: the
                // JDK's reader refuses a file over a tag that merely describes it (a DateTime of
                // other than 20 bytes, which libtiff and GDAL read), and those come from TiffTags.
                reader.setInput(input, true, true);
                Optional<Samples> samples = Samples.of(reader);
                if (samples.isPresent()) {
                    checkPixels(reader, samples.get(), Format.TIFF, name, decoding.get(), details);
                } else {
                    details.put("note", notDecoded(tags.dataType() + " samples"));
                }
            } finally {
                reader.dispose();
            }
        }
        return new FormatReport(format, details, place.box(), place.outline(), taken, taken, Optional.empty());
    }

    /** The note of a TIFF described from its tags, since the worker cannot decode {@code what}. */
    private static String notDecoded(String what) {
        return "the pixels were not decoded to check them: the worker has no decoder for " + what
                + "; its header was read, and its strips or tiles lie within the file";
    }

    /** The raster extension's fields of a band that GDAL's metadata scales. */
    private static ObjectNode bandScaling(TiffTags.BandScaling band) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        band.scale().ifPresent(scale -> fields.put("scale", scale));
        band.offset().ifPresent(offset -> fields.put("offset", offset));
        band.unit().ifPresent(unit -> fields.put("unit", unit));
        return fields;
    }

    /**
     * A JPEG the JDK cannot decode, described from its frame header, after a check that it ends
     * with the end-of-image marker, which a file cut short lacks.
     */
    private static FormatReport describeFromFrame(JpegFrame frame, String missing, Path file) throws IOException {
        if (!endsWithEndOfImage(file, frame.scanStart())) {
            return FormatReport.unreadable(Format.JPEG, truncated(Format.JPEG.title(),
                    "its image data does not end with the end-of-image marker", Files.size(file)));
        }
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.put("width", frame.width());
        details.put("height", frame.height());
        details.put("bands", frame.components());
        details.put("dataType", frame.dataType());
        details.put("note", "the pixels were not decoded to check them: the worker has no decoder for " + missing
                + "; its header was read, and its image data ends with the end-of-image marker");
        return FormatReport.recognised(Format.JPEG).withDetails(details);
    }

    /**
     * Whether the end-of-image marker (FF D9) follows the image data: at the end of the file, or
     * within the last KiB, since some writers append data after it. Within the image data a byte
     * FF is always followed by 00 or a restart marker, so FF D9 there is the end.
     */
    private static boolean endsWithEndOfImage(Path file, long scanStart) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            long from = Math.max(scanStart, channel.size() - END_OF_IMAGE_WITHIN);
            ByteBuffer tail = ByteBuffer.allocate((int) Math.max(0, channel.size() - from));
            channel.read(tail, from);
            byte[] bytes = tail.array();
            for (int i = bytes.length - 2; i >= 0; i--) {
                if (bytes[i] == (byte) 0xff && bytes[i + 1] == (byte) 0xd9) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * A JPEG 2000 placed by the GeoTIFF in its GeoJP2 box, as GDAL writes it for a georeferenced
     * image, or else by its GMLJP2 box.
     */
    private static FormatReport withGeoreference(FormatReport report, Jpeg2000Layout layout, Path file) throws IOException {
        Optional<GeoTiffGeoreference> georeference = layout.geoJp2Tags(file)
                .flatMap(tags -> GeoTiffGeoreference.of(tags, (int) layout.width(), (int) layout.height()));
        if (georeference.isEmpty()) {
            georeference = GmlJp2.read(file);
        }
        if (georeference.isEmpty()) {
            return report;
        }
        ObjectNode details = report.details().deepCopy();
        Place place = georeference(georeference.get(), (int) layout.width(), (int) layout.height(), details);
        return new FormatReport(report.format(), details, place.box(), place.outline(), report.start(), report.end(),
                report.problem());
    }

    /** @param why what shows that the file is cut short */
    private static String truncated(String name, String why, long size) {
        return "the " + name + " file is truncated: " + why + " (" + size + " bytes stored);"
                + " upload the complete file";
    }

    /**
     * A JPEG 2000 image described from its header alone, when the decoder would set up more
     * structures per tile and band than the worker allows (see Jpeg2000Layout).
     */
    private static Optional<FormatReport> beyondTileBudget(Jpeg2000Layout layout) {
        if (layout.tiles() * layout.components() <= MAX_TILE_BANDS) {
            return Optional.empty();
        }
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.put("width", layout.width());
        details.put("height", layout.height());
        details.put("bands", layout.components());
        details.put("note", "the image was not read beyond its header, which declares " + layout.tiling() + " in "
                + layout.components() + " bands: more tiles times bands than the worker sets up at once ("
                + MAX_TILE_BANDS + ")");
        return Optional.of(FormatReport.recognised(Format.JPEG2000).withDetails(details));
    }

    private static Optional<ImageReader> readerFor(Format expected, ImageInputStream input) throws IOException {
        if (expected == Format.JPEG2000) {
            // Created directly: ImageIO's plugin registry does not see plugins in every class loader.
            return Optional.of(new J2KImageReaderSpi().createReaderInstance());
        }
        // JAI ImageIO registers its own TIFF reader too, and which plugin comes first depends on the
        // class path order. Only the JDK's reader gives the metadata TIFFDirectory (and so the
        // GeoTIFF keys) understands, so the JDK's plugins win whenever they can read the file.
        List<ImageReader> readers = new ArrayList<>();
        ImageIO.getImageReaders(input).forEachRemaining(readers::add);
        return readers.stream().filter(RasterReader::isJdkReader).findFirst().or(() -> readers.stream().findFirst());
    }

    private static boolean isJdkReader(ImageReader reader) {
        return reader.getOriginatingProvider() != null
                && reader.getOriginatingProvider().getClass().getName().startsWith("com.sun.imageio.");
    }

    /**
     * @param layout for JPEG 2000, what its header declares: JAI's decoder gives no image type (it
     *               has no colour model) for more than four bands, as multispectral scenes have, so
     *               their samples are taken from the header and their pixels decoded as a raster
     */
    private static FormatReport describe(ImageReader reader, Format expected, String name, DecodingShare share,
            Optional<Jpeg2000Layout> layout) throws IOException, UnreadableFileException {
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.put("width", reader.getWidth(0));
        details.put("height", reader.getHeight(0));
        Optional<Samples> found = Samples.of(reader).or(() -> layout.filter(header -> reader.canReadRaster())
                .map(header -> new Samples(header.bandedSamples(), true)));
        if (found.isEmpty()) {
            details.put("note", "the pixels were not decoded to check them: the worker has no decoder for the"
                    + " samples of this image; its header was read");
            return FormatReport.recognised(expected).withDetails(details);
        }
        Samples samples = found.get();
        details.put("bands", samples.model().getNumBands());
        details.put("dataType", dataType(samples.model()));
        checkPixels(reader, samples, expected, name, share, details);
        return new FormatReport(expected, details, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * Decodes the pixels, unless a strip or tile is too large to decode at once (then a note in
     * {@code details} says so).
     */
    private static void checkPixels(ImageReader reader, Samples samples, Format expected, String name,
            DecodingShare share, ObjectNode details) throws IOException, UnreadableFileException {
        long pieceBytes = expected == Format.TIFF || expected == Format.JPEG2000 ? pieceBytes(reader, samples.model()) : 0;
        if (pieceBytes > DECODED_AT_ONCE) {
            details.put("note", "the pixels were not decoded to check them: a strip or tile of this image holds "
                    + (pieceBytes >> 20) + " MiB, more than the worker decodes at once (" + (DECODED_AT_ONCE >> 20)
                    + " MiB); its header was read");
        } else {
            share.take((int) ((pieceBytes + (1 << 20) - 1) >> 20));
            decodeEverything(reader, samples.asRaster(), reader.getWidth(0), reader.getHeight(0), name);
        }
    }

    /** Where a georeferenced raster lies: the box around it in WGS84, and its outline where that says more. */
    private record Place(Optional<Bounds> box, Optional<Polygon> outline) {
        static final Place NOWHERE = new Place(Optional.empty(), Optional.empty());
    }

    private static Place georeference(GeoTiffGeoreference georeference, int width, int height, ObjectNode details) {
        details.put("crs", georeference.crs());
        georeference.epsg().ifPresent(code -> details.put("epsg", code));
        georeference.definition().ifPresent(definition -> details.put("projDefinition", definition));
        georeference.verticalEpsg().ifPresent(code -> details.put("verticalCrs", "EPSG:" + code)
                .put("verticalEpsg", code));
        if (georeference.bounds().isEmpty()) {
            return Place.NOWHERE;
        }
        Bounds bounds = georeference.bounds().get();
        details.set("bbox", bounds.toJson());
        georeference.transform().ifPresent(transform -> {
            ArrayNode coefficients = details.putArray("transform");
            Arrays.stream(transform).forEach(coefficients::add);
        });
        Optional<Bounds> box = georeference.epsg().isPresent()
                ? Wgs84.ofGrid(georeference.epsg().getAsInt(), bounds, width, height)
                : georeference.definition().flatMap(definition -> Wgs84.fromDefinition(definition, bounds));
        Optional<Footprint> footprint = box.isEmpty() ? Optional.empty() : footprint(georeference, width, height);
        Optional<Bounds> wgs84 = footprint.map(Footprint::bounds).or(() -> box);
        wgs84.ifPresent(lonLat -> details.set("bboxWgs84", lonLat.toJson()));
        return new Place(wgs84, footprint.map(Footprint::outline));
    }

    /**
     * The outline of a raster whose box says more than where it lies: one placed by ground control
     * points, or by a grid in a projected CRS or rotated. A grid in longitude and latitude is its box.
     */
    private static Optional<Footprint> footprint(GeoTiffGeoreference georeference, int width, int height) {
        Optional<Wgs84.PointTransform> toLonLat = georeference.epsg().isPresent()
                ? Wgs84.pointTransform(georeference.epsg().getAsInt())
                : georeference.definition().flatMap(Wgs84::pointTransform);
        if (toLonLat.isEmpty()) {
            return Optional.empty();
        }
        if (!georeference.controlPoints().isEmpty()) {
            return Footprint.ofControlPoints(toLonLat.get(), georeference.controlPoints(), width, height);
        }
        if (georeference.transform().isEmpty()) {
            return Optional.empty();
        }
        double[] transform = georeference.transform().get();
        boolean rotated = transform[1] != 0 || transform[3] != 0;
        boolean geographic = georeference.epsg().isPresent() ? Wgs84.isGeographic(georeference.epsg().getAsInt())
                : georeference.definition().map(Wgs84::isGeographic).orElse(false);
        return geographic && !rotated ? Optional.empty()
                : Footprint.ofGrid(toLonLat.get(), transform, width, height);
    }

    /** Reads all pixel data; a warning from the decoder (premature end, corrupt data) counts as damage. */
    private static void decodeEverything(ImageReader reader, boolean asRaster, int width, int height, String name)
            throws IOException, UnreadableFileException {
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        ImageReadParam param = reader.getDefaultReadParam();
        int step = Math.max(1, Math.max(width, height) / DECODED_SIDE);
        param.setSourceSubsampling(step, step, 0, 0);
        if (asRaster) {
            reader.readRaster(0, param);
        } else {
            reader.read(0, param);
        }
        if (!warnings.isEmpty()) {
            throw new UnreadableFileException("the " + name + " image is damaged or truncated ("
                    + String.join("; ", warnings) + ")");
        }
    }

    private static boolean hasAlpha(TiffTags tags) {
        for (double kind : tags.numbers(BaselineTIFFTagSet.TAG_EXTRA_SAMPLES).orElse(new double[0])) {
            if (kind == BaselineTIFFTagSet.EXTRA_SAMPLES_ASSOCIATED_ALPHA
                    || kind == BaselineTIFFTagSet.EXTRA_SAMPLES_UNASSOCIATED_ALPHA) {
                return true;
            }
        }
        return false;
    }

    /** The bytes of one strip or tile (or of the whole image, for a reader without them) once decoded. */
    private static long pieceBytes(ImageReader reader, SampleModel samples) throws IOException {
        long bitsPerPixel = 0;
        for (int band = 0; band < samples.getNumBands(); band++) {
            bitsPerPixel += samples.getSampleSize(band);
        }
        return (long) reader.getTileWidth(0) * reader.getTileHeight(0) * ((bitsPerPixel + 7) / 8);
    }

    /**
     * The kind of samples of an image.
     *
     * @param asRaster whether the pixels are decoded as a raster, since the reader has no image type for them
     */
    private record Samples(SampleModel model, boolean asRaster) {
        /**
         * @return empty when the reader has no image type for the bands: the JDK's TIFF reader has
         *         none for 16-bit floats in five bands or more, JAI's JPEG 2000 reader no colour
         *         model for more than four bands; neither says the file is damaged
         */
        static Optional<Samples> of(ImageReader reader) throws IOException {
            try {
                Optional<ImageTypeSpecifier> type = Optional.ofNullable(reader.getRawImageType(0));
                if (type.isEmpty()) {
                    Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
                    type = types.hasNext() ? Optional.ofNullable(types.next()) : Optional.empty();
                }
                return type.map(found -> new Samples(found.getSampleModel(), false));
            } catch (IllegalArgumentException noColourModel) {
                return Optional.empty();
            }
        }
    }

    private static String dataType(SampleModel samples) {
        return switch (samples.getDataType()) {
            case DataBuffer.TYPE_BYTE -> "uint" + Math.min(8, samples.getSampleSize(0));
            case DataBuffer.TYPE_USHORT -> "uint16";
            case DataBuffer.TYPE_SHORT -> "int16";
            case DataBuffer.TYPE_INT -> "int32";
            case DataBuffer.TYPE_FLOAT -> "float32";
            case DataBuffer.TYPE_DOUBLE -> "float64";
            default -> "unknown";
        };
    }

    /**
     * The TIFF DateTime tag ("2024:06:01 10:00:00") has no time zone; it is taken as UTC. GDAL
     * writes whatever text it is given there, so ISO 8601 is read too, with its offset when it has
     * one. Text in neither format, or a year the catalog cannot write (ISO 8601 allows {@code
     * +12345} and {@code -0001}), gives the file no date; it does not fail it.
     */
    private static Optional<Instant> tiffDateTime(String text) {
        try {
            TemporalAccessor parsed = TIFF_DATE_TIME.parseBest(text, ZonedDateTime::from, LocalDateTime::from);
            return StorableDates.storable(parsed instanceof ZonedDateTime zoned ? zoned.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** One file's part of {@link #DECODING_MIB}, held from before its decoding until its reader is gone. */
    private static final class DecodingShare {
        private final Duration wait;
        private int mebibytes;

        DecodingShare(Duration wait) {
            this.wait = wait;
        }

        /**
         * Waits interruptibly: a reader given up on at the read timeout, or by a stopping worker,
         * ends instead of waiting on and counting as stuck (which restarts the worker).
         */
        void take(int wanted) throws IOException {
            WaitingTime.begin();
            try {
                if (!DECODING_MIB.tryAcquire(wanted, wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IOException("the worker was decoding other images: " + wanted + " MiB of its "
                            + (DECODED_AT_ONCE >> 20) + " MiB for strips or tiles did not come free within "
                            + wait.toSeconds() + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting to decode the image");
            } finally {
                WaitingTime.end();
            }
            mebibytes += wanted;
        }

        void giveBack() {
            DECODING_MIB.release(mebibytes);
            mebibytes = 0;
        }
    }
}

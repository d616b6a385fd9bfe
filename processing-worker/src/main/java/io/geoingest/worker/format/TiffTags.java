package io.geoingest.worker.format;

import com.twelvemonkeys.imageio.metadata.CompoundDirectory;
import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.tiff.Rational;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import javax.imageio.IIOException;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.GeoTIFFTagSet;
import javax.imageio.stream.ImageInputStream;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The tags of a TIFF's first image, classic TIFF or BigTIFF (64-bit offsets, which GDAL writes for
 * every GeoTIFF over 4 GiB and many satellite products use at any size), read with TwelveMonkeys'
 * TIFF metadata reader: the JDK's TIFF reader knows classic TIFF only. Also tells whether the JDK's
 * reader can decode the pixels, which it cannot for many valid GeoTIFFs (newer compressions, the
 * floating-point predictor, complex SAR samples): such a file is described from its tags alone.
 */
final class TiffTags {
    private static final int BIGTIFF_MAGIC = 43;
    /** GDAL's no-data value, as text. */
    static final int TAG_GDAL_NODATA = 42113;
    /** GDAL's metadata, as XML: among its items each band's scale, offset and unit. */
    static final int TAG_GDAL_METADATA = 42112;
    /**
     * GDAL's metadata longer than this is not parsed: a band's scale, offset and unit take some 200
     * characters, so a hyperspectral scene's fit many times over, and a crafted file cannot make
     * the worker parse megabytes of XML for them.
     */
    private static final int MAX_GDAL_METADATA = 1 << 20;
    /** A scale, an offset or a unit longer than this is no value GDAL wrote. */
    private static final int MAX_ITEM_TEXT = 256;
    private static final int PREDICTOR_HORIZONTAL = 2;
    private static final int PREDICTOR_FLOATING_POINT = 3;
    private static final int SAMPLE_FORMAT_COMPLEX_INTEGER = 5;
    private static final int SAMPLE_FORMAT_COMPLEX_FLOATING_POINT = 6;
    /** Compressions the JDK's TIFF reader decodes. */
    private static final Set<Integer> DECODED_COMPRESSIONS = Set.of(
            BaselineTIFFTagSet.COMPRESSION_NONE, BaselineTIFFTagSet.COMPRESSION_CCITT_RLE,
            BaselineTIFFTagSet.COMPRESSION_CCITT_T_4, BaselineTIFFTagSet.COMPRESSION_CCITT_T_6,
            BaselineTIFFTagSet.COMPRESSION_LZW, BaselineTIFFTagSet.COMPRESSION_OLD_JPEG,
            BaselineTIFFTagSet.COMPRESSION_JPEG, BaselineTIFFTagSet.COMPRESSION_ZLIB,
            BaselineTIFFTagSet.COMPRESSION_PACKBITS, BaselineTIFFTagSet.COMPRESSION_DEFLATE);
    /** The compressions GDAL writes that the JDK's reader does not decode, by the names GDAL gives them. */
    private static final Map<Integer, String> OTHER_COMPRESSIONS = Map.of(
            34712, "JPEG 2000", 34887, "LERC", 34925, "LZMA", 50000, "ZSTD", 50001, "WebP", 50002, "JPEG XL");

    /** The tags the worker reads, whose values must lie within the file. */
    private static final Set<Integer> READ_TAGS = Set.of(
            BaselineTIFFTagSet.TAG_IMAGE_WIDTH, BaselineTIFFTagSet.TAG_IMAGE_LENGTH,
            BaselineTIFFTagSet.TAG_BITS_PER_SAMPLE, BaselineTIFFTagSet.TAG_COMPRESSION,
            BaselineTIFFTagSet.TAG_SAMPLES_PER_PIXEL, BaselineTIFFTagSet.TAG_STRIP_OFFSETS,
            BaselineTIFFTagSet.TAG_STRIP_BYTE_COUNTS, BaselineTIFFTagSet.TAG_TILE_OFFSETS,
            BaselineTIFFTagSet.TAG_TILE_BYTE_COUNTS, BaselineTIFFTagSet.TAG_PREDICTOR,
            BaselineTIFFTagSet.TAG_EXTRA_SAMPLES, BaselineTIFFTagSet.TAG_SAMPLE_FORMAT,
            BaselineTIFFTagSet.TAG_DATE_TIME, GeoTIFFTagSet.TAG_MODEL_PIXEL_SCALE, GeoTIFFTagSet.TAG_MODEL_TIE_POINT,
            GeoTIFFTagSet.TAG_MODEL_TRANSFORMATION, GeoTIFFTagSet.TAG_GEO_KEY_DIRECTORY, TAG_GDAL_NODATA,
            TAG_GDAL_METADATA);

    private final Directory image;
    private final boolean bigTiff;
    private final boolean cloudOptimized;

    private TiffTags(Directory image, boolean bigTiff, boolean cloudOptimized) {
        this.image = image;
        this.bigTiff = bigTiff;
        this.cloudOptimized = cloudOptimized;
    }

    /**
     * @return empty when the bytes are no TIFF (no TIFF or BigTIFF signature)
     * @throws EOFException saying what lies beyond the end of the file: the first image's directory,
     *                      or values it points to
     */
    static Optional<TiffTags> read(ImageInputStream input) throws IOException {
        byte[] header = new byte[4];
        if (input.read(header) < header.length) {
            return Optional.empty();
        }
        input.seek(0);
        Directory all;
        try {
            all = new TIFFReader().read(input);
        } catch (IIOException e) {
            return Optional.empty();
        } finally {
            // where the pixel reader starts
            input.seek(0);
        }
        if (!(all instanceof CompoundDirectory images) || images.directoryCount() == 0) {
            throw new EOFException("its first image directory lies beyond its last byte");
        }
        Directory first = images.getDirectory(0);
        for (Entry entry : first) {
            // A tag nothing reads (Software, a maker's) may point anywhere, as decoders ignore it.
            if (entry.getValue() instanceof IOException && READ_TAGS.contains((Integer) entry.getIdentifier())) {
                throw new EOFException("its directory points to tag values beyond its last byte");
            }
        }
        boolean bigTiff = header[0] == 'I' ? header[2] == BIGTIFF_MAGIC && header[3] == 0
                : header[2] == 0 && header[3] == BIGTIFF_MAGIC;
        boolean cloudOptimized;
        try {
            cloudOptimized = CloudOptimizedLayout.holds(input, images, bigTiff);
        } catch (EOFException directoriesBeyondTheEnd) {
            cloudOptimized = false;
        }
        return Optional.of(new TiffTags(first, bigTiff, cloudOptimized));
    }

    /** Whether the file is laid out as a Cloud Optimized GeoTIFF ({@link CloudOptimizedLayout}). */
    boolean cloudOptimized() {
        return cloudOptimized;
    }

    /** The tag's first value as a whole number. */
    OptionalLong integer(int tag) {
        return first(image, tag).map(value -> OptionalLong.of(value.longValue())).orElse(OptionalLong.empty());
    }

    /** The tag's values as numbers, whatever their TIFF type. */
    Optional<double[]> numbers(int tag) {
        return numbers(image, tag);
    }

    /** A tag's values in any image directory of the file, as numbers. */
    private static Optional<double[]> numbers(Directory directory, int tag) {
        return numeric(directory, tag).map(value -> {
            double[] numbers = new double[count(value)];
            for (int i = 0; i < numbers.length; i++) {
                numbers[i] = number(value, i);
            }
            return numbers;
        });
    }

    /** A tag's first value in any image directory of the file (an overview's, a mask's). */
    static Optional<Double> first(Directory directory, int tag) {
        return numeric(directory, tag).filter(value -> count(value) > 0).map(value -> number(value, 0));
    }

    /** A tag's value as TwelveMonkeys read it, a number or an array of them; empty for none or text. */
    private static Optional<Object> numeric(Directory directory, int tag) {
        return Optional.ofNullable(directory.getEntryById(tag)).map(Entry::getValue).filter(value ->
                value instanceof Number || value instanceof Rational || value.getClass().isArray());
    }

    private static int count(Object numeric) {
        return numeric.getClass().isArray() ? Array.getLength(numeric) : 1;
    }

    /** The value at {@code index}, read in place: strip and tile offsets come as long arrays. */
    private static double number(Object numeric, int index) {
        if (numeric instanceof long[] longs) {
            return longs[index];
        }
        if (numeric instanceof int[] ints) {
            return ints[index];
        }
        return number(numeric.getClass().isArray() ? Array.get(numeric, index) : numeric);
    }

    /** The tag's text, trimmed; empty when blank. */
    Optional<String> text(int tag) {
        Entry entry = image.getEntryById(tag);
        if (entry == null) {
            return Optional.empty();
        }
        Object value = entry.getValue();
        String text = value instanceof String[] texts ? String.join(" ", texts) : String.valueOf(value);
        return value instanceof String || value instanceof String[] ? Optional.of(text.trim()).filter(t -> !t.isEmpty())
                : Optional.empty();
    }

    /**
     * What the numbers stored in each band stand for (value = stored x scale + offset, in unit), as
     * GDAL writes them in its metadata ({@code gdal_translate -a_scale -a_offset}, {@code gdal_edit
     * -units}): Copernicus land products and scaled elevation models store integers so.
     *
     * @param bands the image's bands: items of other samples are left out
     * @return by band, from the first to the last that has any; none for metadata that is no XML
     *         or longer than {@link #MAX_GDAL_METADATA}
     */
    List<BandScaling> bandScaling(long bands) {
        Optional<String> xml = text(TAG_GDAL_METADATA).filter(metadata -> metadata.length() <= MAX_GDAL_METADATA);
        if (xml.isEmpty()) {
            return List.of();
        }
        Map<Integer, BandScaling> byBand = new TreeMap<>();
        try {
            XMLStreamReader reader = XmlReading.open(new ByteArrayInputStream(xml.get().getBytes(StandardCharsets.UTF_8)));
            try {
                while (reader.hasNext()) {
                    if (reader.next() == XMLStreamConstants.START_ELEMENT && "Item".equals(reader.getLocalName())) {
                        item(reader, bands, byBand);
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException malformed) {
            return List.of();
        }
        List<BandScaling> scaling = new ArrayList<>();
        byBand.forEach((band, found) -> {
            while (scaling.size() < band) {
                scaling.add(BandScaling.NONE);
            }
            scaling.add(found);
        });
        return scaling;
    }

    /** One item of GDAL's metadata, where it is a band's scale, offset or unit (its role, as GDAL reads it). */
    private static void item(XMLStreamReader reader, long bands, Map<Integer, BandScaling> byBand)
            throws XMLStreamException {
        String role = Optional.ofNullable(reader.getAttributeValue(null, "role")).orElse("");
        Optional<Integer> band = Optional.ofNullable(reader.getAttributeValue(null, "sample")).flatMap(TiffTags::sample)
                .filter(sample -> sample < bands);
        String text = XmlReading.text(reader, MAX_ITEM_TEXT);
        if (band.isEmpty()) {
            return;
        }
        BandScaling known = byBand.getOrDefault(band.get(), BandScaling.NONE);
        Optional<Double> number = XmlReading.number(text);
        BandScaling withItem = switch (role) {
            case "scale" -> new BandScaling(number, known.offset(), known.unit());
            case "offset" -> new BandScaling(known.scale(), number, known.unit());
            case "unittype" -> new BandScaling(known.scale(), known.offset(), Optional.of(text).filter(t -> !t.isEmpty()));
            default -> known;
        };
        byBand.put(band.get(), withItem);
    }

    private static Optional<Integer> sample(String text) {
        try {
            return Optional.of(Integer.parseInt(text.trim())).filter(sample -> sample >= 0);
        } catch (NumberFormatException notABand) {
            return Optional.empty();
        }
    }

    /** A band's scale, offset and unit, each where GDAL's metadata gives it. */
    record BandScaling(Optional<Double> scale, Optional<Double> offset, Optional<String> unit) {
        static final BandScaling NONE = new BandScaling(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * Whether a strip or tile of the first image lies (partly) beyond {@code fileSize}: the file was
     * cut short, whatever its compression.
     */
    boolean dataBeyond(long fileSize) {
        return anyPiece((offset, length) -> offset + length > fileSize);
    }

    /**
     * Whether a strip or tile of the first image is absent (offset and byte count 0), as GDAL
     * writes empty blocks with {@code SPARSE_OK=YES}: readers take it as no data, the JDK's decoder
     * as a damaged file.
     */
    boolean sparse() {
        return anyPiece((offset, length) -> offset == 0 && length == 0);
    }

    /** A test of a strip or tile by where it lies and how many bytes it takes. */
    @FunctionalInterface
    private interface PieceTest {
        boolean holds(double offset, double length);
    }

    /**
     * Whether a strip or tile of the first image passes {@code test}, read in one pass over the
     * arrays TwelveMonkeys holds: a copy of them took tens of megabytes for a COG of millions of tiles.
     */
    private boolean anyPiece(PieceTest test) {
        boolean tiled = tiled(image);
        Optional<Object> offsets = numeric(image, tiled ? BaselineTIFFTagSet.TAG_TILE_OFFSETS
                : BaselineTIFFTagSet.TAG_STRIP_OFFSETS);
        Optional<Object> lengths = numeric(image, tiled ? BaselineTIFFTagSet.TAG_TILE_BYTE_COUNTS
                : BaselineTIFFTagSet.TAG_STRIP_BYTE_COUNTS);
        if (offsets.isEmpty() || lengths.isEmpty()) {
            return false;
        }
        int pieces = Math.min(count(offsets.get()), count(lengths.get()));
        for (int i = 0; i < pieces; i++) {
            if (test.holds(number(offsets.get(), i), number(lengths.get(), i))) {
                return true;
            }
        }
        return false;
    }

    /** Whether an image directory lays its image out in tiles, not strips. */
    static boolean tiled(Directory directory) {
        return directory.getEntryById(BaselineTIFFTagSet.TAG_TILE_OFFSETS) != null;
    }

    /** Where the first strip or tile of an image directory lies; 0 without one. */
    static long firstPieceOffset(Directory directory) {
        return first(directory, tiled(directory) ? BaselineTIFFTagSet.TAG_TILE_OFFSETS
                : BaselineTIFFTagSet.TAG_STRIP_OFFSETS).map(Double::longValue).orElse(0L);
    }

    /** @return what of the image the JDK's TIFF reader cannot decode, as a note says it; empty when it can */
    Optional<String> undecodable() {
        if (bigTiff) {
            return Optional.of("BigTIFF files");
        }
        int compression = (int) integer(BaselineTIFFTagSet.TAG_COMPRESSION).orElse(BaselineTIFFTagSet.COMPRESSION_NONE);
        if (!DECODED_COMPRESSIONS.contains(compression)) {
            return Optional.of(OTHER_COMPRESSIONS.getOrDefault(compression, "TIFF compression " + compression)
                    + " compression");
        }
        int bits = (int) integer(BaselineTIFFTagSet.TAG_BITS_PER_SAMPLE).orElse(1);
        int sampleFormat = sampleFormat();
        if (sampleFormat == SAMPLE_FORMAT_COMPLEX_INTEGER || sampleFormat == SAMPLE_FORMAT_COMPLEX_FLOATING_POINT) {
            return Optional.of("complex samples");
        }
        if (sampleFormat != BaselineTIFFTagSet.SAMPLE_FORMAT_FLOATING_POINT && bits > 32) {
            return Optional.of(bits + "-bit integer samples");
        }
        int predictor = (int) integer(BaselineTIFFTagSet.TAG_PREDICTOR).orElse(1);
        if (predictor == PREDICTOR_FLOATING_POINT) {
            return Optional.of("the floating-point predictor");
        }
        // The JDK's decoder undoes the horizontal predictor on 8-bit samples only.
        if (predictor == PREDICTOR_HORIZONTAL && bits != 8) {
            return Optional.of("the horizontal predictor on " + bits + "-bit samples");
        }
        return Optional.empty();
    }

    /** uint8, int16, float32, cint16 (complex, as in SAR data)... from SampleFormat and BitsPerSample. */
    String dataType() {
        int bits = (int) integer(BaselineTIFFTagSet.TAG_BITS_PER_SAMPLE).orElse(1);
        return switch (sampleFormat()) {
            case BaselineTIFFTagSet.SAMPLE_FORMAT_SIGNED_INTEGER -> "int" + bits;
            case BaselineTIFFTagSet.SAMPLE_FORMAT_FLOATING_POINT -> "float" + bits;
            // A complex sample's bits are those of its two parts, named after one part (as GDAL does).
            case SAMPLE_FORMAT_COMPLEX_INTEGER -> "cint" + bits / 2;
            case SAMPLE_FORMAT_COMPLEX_FLOATING_POINT -> "cfloat" + bits / 2;
            default -> "uint" + bits;
        };
    }

    private int sampleFormat() {
        return (int) integer(BaselineTIFFTagSet.TAG_SAMPLE_FORMAT).orElse(BaselineTIFFTagSet.SAMPLE_FORMAT_UNSIGNED_INTEGER);
    }

    private static double number(Object value) {
        return value instanceof Rational rational ? rational.doubleValue() : ((Number) value).doubleValue();
    }
}

package io.geoingest.worker.scan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.geoingest.common.file.SourceType;
import io.geoingest.worker.WorkerConfig;
import io.geoingest.worker.claim.ClaimLostException;
import io.geoingest.worker.format.Format;
import io.geoingest.worker.format.FormatReaders;
import io.geoingest.worker.format.FormatReaders.Plan;
import io.geoingest.worker.format.FormatReport;
import io.geoingest.worker.format.JsonReaders;
import io.quarkus.runtime.configuration.MemorySize;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.net.SocketTimeoutException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * {@link ContentScanner} with {@link StoredObjectStream}: a TIFF over the spool limit (4 GiB by
 * default) is not copied for its reader: its tags are read where they lie in the stored object, so
 * a scene of any size still gets its CRS and footprint.
 */
class ContentScannerTest {

    @Test
    void aTiffOverTheSpoolLimitIsDescribedFromItsTagsInAFewRangedReads() throws Exception {
        Path file = fixture("geotiff-2056.tif");
        AtomicInteger reads = new AtomicInteger();

        FormatReport report = readInStorage(file, reads);

        assertEquals(Optional.empty(), report.problem());
        assertEquals("Cloud Optimized GeoTIFF", report.format().title(), "its layout read from storage too");
        assertEquals(2056, report.details().path("epsg").asInt());
        assertEquals("[2600000.0,1200000.0,2616000.0,1212000.0]", report.details().path("bbox").toString());
        assertTrue(report.wgs84Bounds().isPresent(), "the catalog gets a footprint");
        assertTrue(report.details().path("note").asText().contains("larger than the worker's spool limit"),
                report.details()::toString);
        assertEquals(1, reads.get(), "a small file's tags lie in the first block read");
    }

    @Test
    void aTiffOverTheSpoolLimitCutShortStillFailsAsTruncated() throws Exception {
        FormatReport report = readInStorage(fixture("geotiff-32632-bigtiff-truncated.tif"), new AtomicInteger());

        assertEquals(Optional.of("the TIFF file is truncated: its directory points to image data beyond its last byte"
                + " (550 bytes stored); upload the complete file"), report.problem());
    }

    /**
     * A NetCDF cube or HDF5 file over the spool limit (reanalyses and model output often are) gets the
     * dimensions, variables and place it gets from a copy: its structure and coordinates are read
     * where they lie in storage.
     */
    @Test
    void aNetCdfOrHdf5FileOverTheSpoolLimitIsDescribedAsFromACopy() throws Exception {
        for (String name : List.of("temperature-nc4.nc", "swath-nc4.nc", "linked-groups.h5", "temperature-classic.nc",
                "temperature-classic-unlimited.nc", "temperature-cdf5.nc", "model-grid-classic.nc")) {
            Path file = fixture(name);
            FormatReport copied = read(file, new AtomicInteger(), Long.MAX_VALUE);

            FormatReport stored = readInStorage(file, new AtomicInteger());

            assertEquals(Optional.empty(), stored.problem(), name);
            assertTrue(stored.details().path("note").asText().contains("read from storage"), name);
            ObjectNode withoutNote = stored.details().deepCopy();
            withoutNote.remove("note");
            assertEquals(copied.details(), withoutNote, name);
            assertEquals(copied.wgs84Bounds(), stored.wgs84Bounds(), name);
            assertEquals(copied.start(), stored.start(), name);
        }
        assertTrue(readInStorage(fixture("swath-nc4.nc"), new AtomicInteger()).wgs84Bounds().isPresent(),
                "a swath is placed from storage too");
    }

    @Test
    void aNetCdfFileOverTheSpoolLimitCutShortStillFailsAsTruncated() throws Exception {
        for (String name : List.of("temperature-nc4-truncated.nc", "temperature-classic-truncated.nc")) {
            Path file = fixture(name);

            FormatReport stored = readInStorage(file, new AtomicInteger());

            assertEquals(read(file, new AtomicInteger(), Long.MAX_VALUE).problem(), stored.problem(), name);
            assertTrue(stored.problem().orElseThrow().contains("truncated"), name);
        }
    }

    /**
     * A GeoPackage over the spool limit is not read: whether it holds features or tiles (vector
     * data or a raster) is not known, so no declared source type can be told it does not match.
     */
    @Test
    void theKindOfAGeoPackageOverTheSpoolLimitIsNotKnown() throws Exception {
        Path file = fixture("tiles.gpkg");

        ContentFacts notRead = scan(file, 100);
        ContentFacts copied = scan(file, Long.MAX_VALUE);

        assertEquals(Format.GEOPACKAGE, notRead.format().format());
        assertFalse(notRead.familyKnown());
        assertEquals(Format.GEOPACKAGE_TILES, copied.format().format());
        assertTrue(copied.familyKnown());
        assertTrue(scan(fixture("image.png"), 100).familyKnown(), "a PNG is a raster, read or not");
    }

    /**
     * A zipped shapefile's reader takes a layer it cannot unpack for a damaged file; a storage fault
     * under it, at whichever ranged read, is still thrown to be tried again.
     */
    @Test
    void aStorageFaultUnderAZippedShapefileIsThrownWhereverItHappens() throws Exception {
        Path file = fixture("shapefile-layers.zip");
        byte[] head = Files.readAllBytes(file);
        Plan.InStorage zip = (Plan.InStorage) new FormatReaders().plan("application/zip", head, "places.zip",
                SourceType.UNKNOWN);
        ObjectRanges whole = fromFile(file, new AtomicInteger());
        List<Long> positions = new CopyOnWriteArrayList<>();
        try (StoredObjectStream object = new StoredObjectStream((position, length) -> {
            positions.add(position);
            return whole.read(position, length);
        }, head.length, 64)) {
            assertEquals(Format.SHAPEFILE, zip.reader().read(object).format());
        }

        for (long failing : positions) {
            ObjectRanges timingOut = (position, length) -> {
                if (position == failing) {
                    throw new SocketTimeoutException("Read timed out");
                }
                return whole.read(position, length);
            };
            try (StoredObjectStream object = new StoredObjectStream(timingOut, head.length, 64)) {
                IOException thrown = assertThrows(IOException.class, () -> {
                    zip.reader().read(object);
                    object.rethrowStorageFailure();
                }, "at byte " + failing);
                assertEquals("Read timed out", thrown.getMessage());
            }
        }
    }

    /** jHDF and the classic reader turn a storage fault into their own errors; it is still tried again, not FAILED. */
    @Test
    void aStorageFaultUnderANetCdfReaderIsThrownToBeTriedAgain() throws Exception {
        ObjectRanges timingOut = (position, length) -> {
            throw new SocketTimeoutException("Read timed out");
        };
        for (String name : List.of("temperature-nc4.nc", "temperature-classic.nc")) {
            Path file = fixture(name);
            try (InputStream object = Files.newInputStream(file)) {
                IOException thrown = assertThrows(IOException.class, () -> scanner(new FormatReaders()).scan(object,
                        name, SourceType.UNKNOWN, OptionalLong.empty(), () -> {
                        }, timingOut), name);
                assertEquals("Read timed out", thrown.getMessage(), name);
            }
        }
    }

    /**
     * A product's ZIP lists hundreds of entries, its bands' data between their headers: opening it
     * reads the directory at its end, and of the entries only the one metadata file (the library
     * read every entry's header, one ranged read each).
     */
    @Test
    void aZipOfManyEntriesIsReadInAFewRangedReads() throws Exception {
        Path file = Files.createTempFile("sentinel2", ".zip");
        try {
            String product = "S2B_MSIL2A_20240513T103619_N0510_R008_T32TMT_20240513T134410.SAFE/";
            Random random = new Random(7);
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
                for (int band = 0; band < 150; band++) {
                    out.putNextEntry(new ZipEntry(product + "GRANULE/IMG_DATA/B" + band + ".jp2"));
                    byte[] pixels = new byte[70 * 1024];
                    random.nextBytes(pixels);
                    out.write(pixels);
                    out.closeEntry();
                }
                out.putNextEntry(new ZipEntry(product + "MTD_MSIL2A.xml"));
                out.write("<n1:Level-2A_User_Product xmlns:n1=\"https://psd-14.sentinel2.eo.esa.int/PSD/User_Product_Level-2A.xsd\">"
                        .concat("<PRODUCT_START_TIME>2024-05-13T10:36:19.024Z</PRODUCT_START_TIME></n1:Level-2A_User_Product>")
                        .getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            AtomicInteger reads = new AtomicInteger();

            FormatReport report = read(file, reads, Long.MAX_VALUE);

            assertEquals(Format.SENTINEL_SAFE, report.format());
            assertEquals(Optional.of(Instant.parse("2024-05-13T10:36:19.024Z")), report.start());
            assertTrue(reads.get() <= 5, reads + " ranged reads");
        } finally {
            Files.delete(file);
        }
    }

    /** A read of many blocks at once (an HDF5 chunk) is one ranged read, not one per block. */
    @Test
    void aLargeReadIsOneRangedRead() throws Exception {
        byte[] object = new byte[3 * 1024 * 1024];
        new Random(7).nextBytes(object);
        AtomicInteger reads = new AtomicInteger();
        ObjectRanges ranges = (position, length) -> {
            reads.incrementAndGet();
            return Arrays.copyOfRange(object, (int) position, (int) Math.min(object.length, position + length));
        };

        try (StoredObjectStream stream = new StoredObjectStream(ranges, object.length)) {
            byte[] read = new byte[2 * 1024 * 1024];
            stream.seek(1000);
            stream.readFully(read);

            assertArrayEquals(Arrays.copyOfRange(object, 1000, 1000 + read.length), read);
            assertEquals(1, reads.get());
        }
    }

    /**
     * A number that starts in one block and ends in the next is read whole: GDAL writes a BigTIFF
     * COG's tile offsets where eight-byte values straddle block ends, and each read short of a
     * value was taken for the end of the file (a large COG FAILED as truncated).
     */
    @Test
    void aValueAcrossTwoBlocksIsReadWhole() throws Exception {
        ByteBuffer object = ByteBuffer.allocate(64);
        object.putLong(13, 0x0102030405060708L).putInt(30, 0x0A0B0C0D).putShort(47, (short) 0x0E0F);
        ObjectRanges ranges = (position, length) ->
                Arrays.copyOfRange(object.array(), (int) position, (int) Math.min(object.capacity(), position + length));

        try (StoredObjectStream stream = new StoredObjectStream(ranges, object.capacity(), 16)) {
            stream.seek(13);
            assertEquals(0x0102030405060708L, stream.readLong());
            stream.seek(30);
            assertEquals(0x0A0B0C0D, stream.readInt());
            stream.seek(47);
            assertEquals((short) 0x0E0F, stream.readShort());
            byte[] rest = new byte[20];
            stream.seek(50);
            assertEquals(14, stream.read(rest), "a read past the end takes what there is");
            assertEquals(-1, stream.read(rest));
        }
    }

    /** Its strip offsets, 32 KiB, lie over many 4 KiB blocks; TwelveMonkeys checks such a value by reading its last byte. */
    @Test
    void aDirectoryOverManyBlocksIsReadWhole() throws Exception {
        Path file = fixture("geotiff-4326-8200-strips.tif");

        try (StoredObjectStream object = new StoredObjectStream(fromFile(file, new AtomicInteger()), Files.size(file), 4096)) {
            FormatReport report = inStorage(file).read(object);

            assertEquals(Optional.empty(), report.problem());
            assertEquals(8200, report.details().path("height").asInt());
            object.rethrowStorageFailure();
        }
    }

    @Test
    void aStorageFaultDuringTheReadIsThrownWhateverTheReaderMadeOfIt() throws Exception {
        Path file = fixture("geotiff-4326-8200-strips.tif");
        ObjectRanges whole = fromFile(file, new AtomicInteger());
        AtomicBoolean failed = new AtomicBoolean();
        ObjectRanges failingOnceAtTheOffsetsEnd = (position, length) -> {
            if (position <= 49_405 && 49_405 < position + length && !failed.getAndSet(true)) {
                throw new SocketTimeoutException("Read timed out");
            }
            return whole.read(position, length);
        };

        try (StoredObjectStream object = new StoredObjectStream(failingOnceAtTheOffsetsEnd, Files.size(file), 4096)) {
            IOException thrown = assertThrows(IOException.class, () -> {
                inStorage(file).read(object);
                object.rethrowStorageFailure();
            });
            assertEquals("Read timed out", thrown.getMessage());
        }
    }

    /** A reader's runtime exception is its verdict on the file, but not when storage failed under it. */
    @Test
    void aStorageFaultUnderAReadersRuntimeExceptionIsStillThrown() throws Exception {
        Path file = fixture("geotiff-2056.tif");
        FormatReaders wrappingItsFaults = new FormatReaders() {
            @Override
            public Plan plan(String mediaType, byte[] head, String fileName, SourceType declared) {
                return new Plan.FromFile(Format.TIFF, copy -> FormatReport.recognised(Format.TIFF), Optional.of(object -> {
                    try {
                        object.read();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return FormatReport.recognised(Format.TIFF);
                }));
            }
        };
        ObjectRanges timingOut = (position, length) -> {
            throw new SocketTimeoutException("Read timed out");
        };

        try (InputStream object = Files.newInputStream(file)) {
            IOException thrown = assertThrows(IOException.class, () -> scanner(wrappingItsFaults).scan(object,
                    "scene.tif", SourceType.UNKNOWN, OptionalLong.empty(), () -> {
                    }, timingOut));

            assertEquals("Read timed out", thrown.getMessage());
        }
    }

    /**
     * A parser's runtime exception on a streamed GeoJSON or CZML file was retried as a storage
     * fault: the object read again and again until the file FAILED as unreachable storage.
     */
    @Test
    void aJsonParsersRuntimeExceptionIsItsVerdictOnTheFile() throws Exception {
        FormatReaders breakingOnText = JsonReaders.parsingWith(new ObjectMapper().setNodeFactory(new JsonNodeFactory() {
            @Override
            public TextNode textNode(String text) {
                throw new ArrayIndexOutOfBoundsException("Index 3 out of bounds for length 3");
            }
        }));

        try (InputStream object = new ByteArrayInputStream(czml(1))) {
            FormatReport report = scanner(breakingOnText).scan(object, "track.czml", SourceType.CZML, OptionalLong.empty(), () -> {
            }, noRanges()).format();

            assertEquals(Optional.of("the CZML file could not be read: its reader stopped with"
                    + " ArrayIndexOutOfBoundsException (Index 3 out of bounds for length 3); it is damaged or uses"
                    + " what the reader cannot decode"), report.problem());
        }
    }

    /** The storage client's faults are unchecked: one that reaches the JSON parser is still a storage fault. */
    @Test
    void aStorageFaultUnderTheJsonParserIsStillThrownToBeTriedAgain() {
        byte[] document = czml(10_000);
        InputStream failingMidDocument = new ByteArrayInputStream(document) {
            @Override
            public synchronized int read(byte[] buffer, int offset, int length) {
                // past what the media type's detection reads, within what the parser reads
                if (pos >= 256 * 1024) {
                    throw SdkClientException.create("Unable to execute HTTP request: Connection reset");
                }
                return super.read(buffer, offset, Math.min(length, 4096));
            }
        };

        IOException thrown = assertThrows(IOException.class, () -> scanner(JsonReaders.parsingWith(new ObjectMapper()))
                .scan(failingMidDocument, "track.czml", SourceType.CZML, OptionalLong.empty(), () -> {
                }, noRanges()));

        assertInstanceOf(SdkClientException.class, thrown.getCause());
    }

    /**
     * The stream a reader reads is the storage's: its runtime exceptions were all taken for storage
     * faults, so a reader's own bug (a buffer passed wrongly) was tried eight times and
     * dead-lettered instead of FAILING the file at once with the reader's words.
     */
    @Test
    void aReadersBugOnTheStreamItReadsIsItsVerdictNotAStorageFault() throws Exception {
        FormatReaders passingABadBuffer = JsonReaders.parsingWith(new ObjectMapper(new JsonFactory() {
            @Override
            public JsonParser createParser(InputStream in) throws IOException {
                in.read(new byte[1], 0, 2);
                return super.createParser(in);
            }
        }));

        try (InputStream object = new ByteArrayInputStream(czml(1))) {
            FormatReport report = scanner(passingABadBuffer).scan(object, "track.czml", SourceType.CZML, OptionalLong.empty(), () -> {
            }, noRanges()).format();

            assertTrue(report.problem().orElse("").startsWith("the CZML file could not be read: its reader stopped with"
                    + " IndexOutOfBoundsException"), report::toString);
        }
    }

    /**
     * A claim lost while the parser reads is no verdict on the file: it was taken for the reader's
     * failure on a damaged file, logged as a warning with its stack trace.
     */
    @Test
    void aClaimLostWhileTheParserReadsStopsTheWorkInsteadOfJudgingTheFile() {
        UUID fileId = UUID.randomUUID();
        InputStream object = new ByteArrayInputStream(czml(10_000));
        AtomicInteger reads = new AtomicInteger();
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler recording = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(ReadingDeadline.class.getName());
        log.addHandler(recording);
        try {
            assertThrows(ClaimLostException.class, () -> scanner(JsonReaders.parsingWith(new ObjectMapper()))
                    .scan(object, "track.czml", SourceType.CZML, OptionalLong.empty(), () -> {
                        if (reads.incrementAndGet() > 3) {
                            throw new ClaimLostException(fileId);
                        }
                    }, noRanges()));
        } finally {
            log.removeHandler(recording);
        }

        assertEquals(List.of(), warnings.stream().map(LogRecord::getMessage).toList(), "the file was not judged");
    }

    /** A CZML document of {@code packets} packets besides the document packet, which has a clock. */
    private static byte[] czml(int packets) {
        StringBuilder document = new StringBuilder("[{\"id\": \"document\", \"version\": \"1.0\","
                + " \"clock\": {\"interval\": \"2024-06-01T10:00:00Z/2024-06-01T12:00:00Z\"}}");
        for (int packet = 1; packet <= packets; packet++) {
            document.append(", {\"id\": \"point-").append(packet).append("\", \"position\": {\"cartographicDegrees\":"
                    + " [7.44, 46.95, 540]}}");
        }
        return document.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectRanges noRanges() {
        return (position, length) -> {
            throw new AssertionError("a streamed document is read in one pass");
        };
    }

    private static FormatReaders.StoredObjectReader inStorage(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(1024);
        }
        FormatReaders.Plan plan = new FormatReaders().plan("image/tiff", head, file.getFileName().toString(),
                SourceType.UNKNOWN);
        return ((FormatReaders.Plan.FromFile) plan).inStorage().orElseThrow();
    }

    private static ObjectRanges fromFile(Path file, AtomicInteger reads) {
        return (position, length) -> {
            reads.incrementAndGet();
            try (RandomAccessFile stored = new RandomAccessFile(file.toFile(), "r")) {
                byte[] part = new byte[length];
                stored.seek(position);
                stored.readFully(part);
                return part;
            }
        };
    }

    /**
     * A file over the spool limit takes no disk while the rest of it is read: announced over the
     * limit, it is not copied at all; found over it, its copy is removed at once. Each was copied up
     * to the limit (4 GiB) and kept until the pass ended, filling the spool volume for the other
     * files in flight.
     */
    @Test
    void aFileOverTheSpoolLimitTakesNoDiskWhileItIsRead() throws Exception {
        Path file = fixture("temperature-classic.nc");
        for (OptionalLong announced : List.of(OptionalLong.of(Files.size(file)), OptionalLong.empty())) {
            ContentScanner scanner = scanner(new FormatReaders(), 100);
            Path spoolDirectory = scanner.spoolDirectory.path();
            List<Long> copies = new ArrayList<>();

            ContentFacts facts = scan(scanner, file, announced, () -> copies.add(copiesIn(spoolDirectory)));

            assertEquals(List.of(0L), copies.stream().distinct().toList(), "copies on disk, announced " + announced);
            assertTrue(facts.format().details().path("note").asText().contains("read from storage"),
                    facts.format().details()::toString);
        }
    }

    /**
     * A spool directory that cannot take a copy (a full or unwritable volume) is no storage fault:
     * the file is described as one over the spool limit is, not downloaded again and again.
     */
    @Test
    void aSpoolDirectoryThatCannotTakeACopyLeavesTheFileDescribed() throws Exception {
        Path notADirectory = Files.createTempFile("spool", ".txt");
        try {
            ContentScanner scanner = scanner(new FormatReaders(), Long.MAX_VALUE,
                    Optional.of(notADirectory.resolve("spool")));

            ContentFacts netCdf = scan(scanner, fixture("temperature-classic.nc"), OptionalLong.empty(), () -> {
            });
            ContentFacts geoPackage = scan(scanner, fixture("tiles.gpkg"), OptionalLong.empty(), () -> {
            });

            assertEquals(Optional.empty(), netCdf.format().problem());
            assertEquals(scan(fixture("temperature-classic.nc"), Long.MAX_VALUE).format().details().path("dimensions"),
                    netCdf.format().details().path("dimensions"), "read from storage");
            assertTrue(geoPackage.format().details().path("note").asText()
                    .startsWith("the worker could not copy the file to its spool directory ("),
                    geoPackage.format().details()::toString);
        } finally {
            Files.delete(notADirectory);
        }
    }

    /** Scans the file as the worker scans a stored object, with a spool limit below its size. */
    private static FormatReport readInStorage(Path file, AtomicInteger reads) throws IOException {
        return read(file, reads, 100);
    }

    private static ContentFacts scan(Path file, long spoolLimit) throws IOException {
        return scan(scanner(new FormatReaders(), spoolLimit), file, OptionalLong.empty(), () -> {
        });
    }

    private static FormatReport read(Path file, AtomicInteger reads, long spoolLimit) throws IOException {
        try (InputStream object = Files.newInputStream(file)) {
            return scanner(new FormatReaders(), spoolLimit).scan(object, file.getFileName().toString(), SourceType.UNKNOWN,
                    OptionalLong.empty(), () -> {
                    }, fromFile(file, reads)).format();
        }
    }

    private static ContentFacts scan(ContentScanner scanner, Path file, OptionalLong announcedSize, Runnable progress)
            throws IOException {
        try (InputStream object = Files.newInputStream(file)) {
            return scanner.scan(object, file.getFileName().toString(), SourceType.UNKNOWN, announcedSize, progress,
                    fromFile(file, new AtomicInteger()));
        }
    }

    private static long copiesIn(Path spoolDirectory) {
        try (Stream<Path> files = Files.list(spoolDirectory)) {
            return files.filter(file -> SpoolStep.isSpoolFile(file.getFileName().toString())).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A scanner as the worker's, with a spool limit below the fixtures' sizes. */
    private static ContentScanner scanner(FormatReaders formats) {
        return scanner(formats, 100);
    }

    private static ContentScanner scanner(FormatReaders formats, long spoolLimit) {
        return scanner(formats, spoolLimit, Optional.empty());
    }

    private static ContentScanner scanner(FormatReaders formats, long spoolLimit, Optional<Path> spoolDirectory) {
        ContentScanner scanner = new ContentScanner();
        scanner.formats = formats;
        scanner.deadline = new ReadingDeadline(Duration.ofMinutes(1), Duration.ofSeconds(1));
        scanner.config = spoolLimit(new MemorySize(BigInteger.valueOf(spoolLimit)), spoolDirectory);
        scanner.spoolDirectory = new WorkerSpoolDirectory();
        scanner.spoolDirectory.config = scanner.config;
        return scanner;
    }

    /** The worker's configuration as far as the scan reads it. */
    private static WorkerConfig spoolLimit(MemorySize limit, Optional<Path> spoolDirectory) {
        return (WorkerConfig) Proxy.newProxyInstance(WorkerConfig.class.getClassLoader(), new Class<?>[] {WorkerConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "spoolLimit" -> limit;
                    case "spoolDirectory" -> spoolDirectory;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(ContentScannerTest.class.getResource("/fixtures/" + name).toURI());
    }
}

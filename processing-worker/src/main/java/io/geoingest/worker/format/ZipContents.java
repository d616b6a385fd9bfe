package io.geoingest.worker.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.imageio.stream.ImageInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * A ZIP archive read from its central directory and the few entries that describe what it holds
 * (Commons Compress, on ranged reads of the stored object): a Sentinel product ({@link SafeProduct}),
 * a zipped shapefile ({@link ZippedShapefile}) or a KMZ ({@link KmlDocument}). Any other ZIP, or
 * one that cannot be read as a ZIP, is content of no recognised format, as before.
 */
final class ZipContents {
    /** A product lists some hundred entries; a ZIP that declares more is read no further. */
    static final long MAX_ENTRIES = 100_000;
    /** The end-of-central-directory record (APPNOTE 4.3.16), its Zip64 locator and record (4.3.15, 4.3.14). */
    private static final int END_SIGNATURE = 0x06054b50;
    private static final int END_RECORD = 22;
    private static final int MAX_COMMENT = 0xffff;
    private static final int ZIP64_MARK = 0xffff;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int ZIP64_LOCATOR = 20;
    private static final int ZIP64_END_SIGNATURE = 0x06064b50;
    private static final int ZIP64_END_RECORD = 56;
    /** Where macOS's Archive Utility puts the resource forks of the files it zips. */
    private static final String MACOS_FORKS = "__MACOSX/";
    /** How the AppleDouble files that hold them are named beside the files, by tools other than Archive Utility. */
    private static final String APPLE_DOUBLE = "._";

    private ZipContents() {
    }

    /** Whether the file may be one: a ZIP by its media type, or a KMZ (a ZIP Tika knows by its name). */
    static boolean mayBe(String mediaType) {
        return mediaType.equals("application/zip") || Format.KMZ.hasMediaType(mediaType);
    }

    /**
     * Storage faults met here are rethrown by the caller ({@code StoredObjectStream}), whatever this makes of them.
     *
     * @param namedKmz whether the file's name says KMZ, which any ZIP with a KML document in it then is
     */
    static FormatReport read(ImageInputStream object, boolean namedKmz) throws IOException {
        ZipFile zip;
        try {
            // the library keeps every entry of the directory it reads: a made-up count would take the heap
            if (declaredEntries(object).orElse(0) > MAX_ENTRIES) {
                return FormatReport.recognised(Format.UNRECOGNISED);
            }
            // Otherwise the library reads every entry's local header as it opens the ZIP: one ranged
            // read of the stored object per entry, hundreds for a Sentinel-2 product. The few entries
            // read find their data when their stream is opened.
            zip = ZipFile.builder().setSeekableByteChannel(new ImageInputStreamChannel(object))
                    .setIgnoreLocalFileHeader(true).get();
        } catch (IOException | RuntimeException notAZip) {
            // a damaged ZIP, or bytes that only start like one: no product to describe
            return FormatReport.recognised(Format.UNRECOGNISED);
        }
        try (zip) {
            List<ZipArchiveEntry> entries = Collections.list(zip.getEntries());
            Optional<FormatReport> product = SafeProduct.describe(zip, entries);
            if (product.isEmpty()) {
                product = ZippedShapefile.describe(zip, entries);
            }
            if (product.isEmpty()) {
                product = KmlDocument.describeKmz(zip, entries, namedKmz);
            }
            return product.orElseGet(() -> FormatReport.recognised(Format.UNRECOGNISED));
        }
    }

    /**
     * Whether the entry is a macOS resource fork: binary, under the name of the file it goes with
     * ({@code __MACOSX/._roads.shp}, {@code ._doc.kml}), so no file of the format its name says.
     */
    static boolean isMacOsFork(ZipArchiveEntry entry) {
        String name = entry.getName();
        return name.startsWith(MACOS_FORKS) || name.substring(name.lastIndexOf('/') + 1).startsWith(APPLE_DOUBLE);
    }

    /**
     * The number of entries the ZIP's end-of-central-directory record declares, or the Zip64 record
     * it defers to (for products over 4 GiB); empty when there is no such record at the end.
     */
    static OptionalLong declaredEntries(ImageInputStream object) throws IOException {
        int tail = (int) Math.min(object.length(), END_RECORD + MAX_COMMENT);
        byte[] end = new byte[tail];
        object.seek(object.length() - tail);
        object.readFully(end);
        ByteBuffer bytes = ByteBuffer.wrap(end).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = tail - END_RECORD; at >= 0; at--) {
            if (bytes.getInt(at) != END_SIGNATURE) {
                continue;
            }
            int entries = Short.toUnsignedInt(bytes.getShort(at + 10));
            if (entries != ZIP64_MARK) {
                return OptionalLong.of(entries);
            }
            if (at < ZIP64_LOCATOR || bytes.getInt(at - ZIP64_LOCATOR) != ZIP64_LOCATOR_SIGNATURE) {
                return OptionalLong.empty();
            }
            byte[] record = new byte[ZIP64_END_RECORD];
            object.seek(bytes.getLong(at - ZIP64_LOCATOR + 8));
            object.readFully(record);
            ByteBuffer zip64 = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
            return zip64.getInt(0) == ZIP64_END_SIGNATURE ? OptionalLong.of(zip64.getLong(32)) : OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

}

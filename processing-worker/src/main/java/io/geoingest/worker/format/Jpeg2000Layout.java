package io.geoingest.worker.format;

import java.awt.image.BandedSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.SampleModel;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * What a JPEG 2000 file declares about its own layout, read before the decoder sees the file: the
 * decoder (jj2000) allocates what the file declares before it reads it. A box length is read into
 * one array, so 963 bytes whose file type box claimed 2 GB took the worker's heap; and the
 * structures set up per tile and component while it reads the header, before any pixel, took it
 * for 60,000 x 60,000 pixels declared in 32 x 24 tiles.
 *
 * @param tiles      how many tiles the image is cut into
 * @param components its bands
 * @param bitDepth   the bits of a sample of its first band
 * @param signed     whether the samples of its first band are signed
 * @param geoJp2     where the GeoTIFF of a GeoJP2 box lies in the file (offset and length), as GDAL
 *                   writes one before the codestream of a georeferenced image
 */
record Jpeg2000Layout(long width, long height, long tileWidth, long tileHeight, long tiles, int components,
        int bitDepth, boolean signed, Optional<long[]> geoJp2) {
    /** A tile-part names its tile in 16 bits (Isot), so a codestream has at most this many tiles. */
    private static final long MAX_TILES = 65_535;
    private static final int MAX_COMPONENTS = 16_384;

    private static final String CODESTREAM_BOX = "jp2c";
    private static final String UUID_BOX = "uuid";
    /** The UUID of a GeoJP2 box, whose content after it is a GeoTIFF of one pixel carrying the georeference. */
    private static final byte[] GEOJP2_UUID = HexFormat.of().parseHex("b14bf8bd083d4b43a5ae8cd7d5a6ce03");
    /** A GeoJP2 GeoTIFF holds a few tags: a larger one is not read. */
    private static final long MAX_GEOJP2 = 1 << 20;
    /** Boxes made of boxes, whose lengths the decoder reads too. */
    private static final Set<String> SUPERBOXES = Set.of("jp2h", "res ", "uinf");
    private static final short START_OF_CODESTREAM = (short) 0xff4f;
    private static final short IMAGE_AND_TILE_SIZE = (short) 0xff51;
    /** SOC, then SIZ up to the first band's Ssiz: marker, Lsiz, Rsiz, eight 32-bit sizes and offsets, Csiz, Ssiz. */
    private static final int SIZ_BYTES = 2 + 2 + 2 + 2 + 8 * 4 + 2 + 1;
    /** In Ssiz, the bit that says the samples are signed; the other bits are the bit depth less one. */
    private static final int SIGNED = 0x80;

    /**
     * @return empty when the file holds no codestream that starts as the standard says; the
     *         decoder then finds out what is wrong with it
     * @throws UnreadableFileException when a box reaches beyond the file or the box holding it, or
     *                                 the image and tile sizes break the standard's rules (more
     *                                 tiles than it allows among them)
     */
    static Optional<Jpeg2000Layout> of(Path file) throws IOException, UnreadableFileException {
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer start = ByteBuffer.allocate(2);
            channel.read(start, 0);
            long[] geoJp2 = new long[2];
            Optional<Long> codestream = start.getShort(0) == START_OF_CODESTREAM
                    ? Optional.of(0L)
                    : codestreamBox(channel, 0, channel.size(), channel.size(), geoJp2);
            return codestream.isEmpty() ? Optional.empty()
                    : imageAndTileSize(channel, codestream.get(), Optional.of(geoJp2).filter(box -> box[1] > 0));
        }
    }

    /** Checks the boxes from {@code from} to {@code to} and returns where the codestream box's content starts. */
    /** @param geoJp2 set to where the GeoTIFF of a GeoJP2 box before the codestream lies, offset and length */
    private static Optional<Long> codestreamBox(FileChannel channel, long from, long to, long fileSize, long[] geoJp2)
            throws IOException, UnreadableFileException {
        long position = from;
        while (Jp2BoxHeader.fits(position, to)) {
            Jp2BoxHeader header = Jp2BoxHeader.read(channel, position, to);
            long length = header.length();
            String type = header.type();
            long contentStart = header.contentStart();
            String box = "its \"" + printable(type) + "\" box declares " + length + " bytes";
            if (length < contentStart - position) {
                throw new UnreadableFileException("the JPEG 2000 file is damaged: " + box + ", less than its own header");
            }
            if (length > to - position) {
                throw new UnreadableFileException("the JPEG 2000 file is damaged or truncated: " + box + ", more than the "
                        + (to - position) + (to == fileSize ? " left in the file" : " left in the box holding it"));
            }
            if (type.equals(CODESTREAM_BOX)) {
                return Optional.of(contentStart);
            }
            if (SUPERBOXES.contains(type)) {
                codestreamBox(channel, contentStart, position + length, fileSize, geoJp2);
            }
            long tiffLength = position + length - contentStart - GEOJP2_UUID.length;
            if (type.equals(UUID_BOX) && tiffLength > 0 && tiffLength <= MAX_GEOJP2) {
                ByteBuffer uuid = ByteBuffer.allocate(GEOJP2_UUID.length);
                channel.read(uuid, contentStart);
                if (Arrays.equals(uuid.array(), GEOJP2_UUID)) {
                    geoJp2[0] = contentStart + GEOJP2_UUID.length;
                    geoJp2[1] = tiffLength;
                }
            }
            position += length;
        }
        return Optional.empty();
    }

    private static Optional<Jpeg2000Layout> imageAndTileSize(FileChannel channel, long codestream,
            Optional<long[]> geoJp2) throws IOException, UnreadableFileException {
        ByteBuffer siz = ByteBuffer.allocate(SIZ_BYTES);
        if (channel.read(siz, codestream) < SIZ_BYTES) {
            return Optional.empty();
        }
        siz.flip();
        if (siz.getShort() != START_OF_CODESTREAM || siz.getShort() != IMAGE_AND_TILE_SIZE) {
            return Optional.empty();
        }
        siz.position(siz.position() + 4);
        long width = Integer.toUnsignedLong(siz.getInt());
        long height = Integer.toUnsignedLong(siz.getInt());
        long imageX = Integer.toUnsignedLong(siz.getInt());
        long imageY = Integer.toUnsignedLong(siz.getInt());
        long tileWidth = Integer.toUnsignedLong(siz.getInt());
        long tileHeight = Integer.toUnsignedLong(siz.getInt());
        long tileX = Integer.toUnsignedLong(siz.getInt());
        long tileY = Integer.toUnsignedLong(siz.getInt());
        int components = Short.toUnsignedInt(siz.getShort());
        int sampleSize = Byte.toUnsignedInt(siz.get());
        // The standard's constraints (ISO/IEC 15444-1, A.5.1); the decoder sizes its tables from
        // these values without checking them.
        if (tileWidth == 0 || tileHeight == 0 || width <= imageX || height <= imageY || tileX > imageX
                || tileY > imageY || tileX + tileWidth <= imageX || tileY + tileHeight <= imageY
                || components == 0 || components > MAX_COMPONENTS) {
            throw new UnreadableFileException("the JPEG 2000 image is damaged: the sizes in its header contradict"
                    + " each other (image " + width + " x " + height + " from " + imageX + ", " + imageY + "; tiles "
                    + tileWidth + " x " + tileHeight + " from " + tileX + ", " + tileY + "; " + components
                    + " components)");
        }
        long tiles = ceilDiv(width - tileX, tileWidth) * ceilDiv(height - tileY, tileHeight);
        Jpeg2000Layout layout = new Jpeg2000Layout(width - imageX, height - imageY, tileWidth, tileHeight, tiles,
                components, (sampleSize & ~SIGNED) + 1, (sampleSize & SIGNED) != 0, geoJp2);
        if (tiles > MAX_TILES) {
            throw new UnreadableFileException("the JPEG 2000 image is damaged: its header declares " + layout.tiling()
                    + ", more than the " + MAX_TILES + " the format allows");
        }
        return Optional.of(layout);
    }

    /**
     * The kind of samples the decoder gives in a raster, one bank per band (of a single pixel: only
     * the bands and their type count): for images whose bands it has no colour model for (more
     * than four, as multispectral scenes), and so no image type.
     */
    SampleModel bandedSamples() {
        int type = bitDepth <= Byte.SIZE ? DataBuffer.TYPE_BYTE
                : bitDepth <= Short.SIZE ? (signed ? DataBuffer.TYPE_SHORT : DataBuffer.TYPE_USHORT)
                : DataBuffer.TYPE_INT;
        return new BandedSampleModel(type, 1, 1, components);
    }

    /** The tags of the GeoTIFF in the file's GeoJP2 box, when it has one that reads as a TIFF. */
    Optional<TiffTags> geoJp2Tags(Path file) throws IOException {
        if (geoJp2.isEmpty()) {
            return Optional.empty();
        }
        ByteBuffer tiff = ByteBuffer.allocate((int) geoJp2.get()[1]);
        try (FileChannel channel = FileChannel.open(file)) {
            channel.read(tiff, geoJp2.get()[0]);
        }
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(tiff.array()))) {
            return TiffTags.read(input);
        } catch (EOFException damaged) {
            return Optional.empty();
        }
    }

    /** How the image is cut into tiles, in words. */
    String tiling() {
        return tiles + " tiles of " + tileWidth + " x " + tileHeight + " pixels for an image of " + width + " x "
                + height;
    }

    private static String printable(String type) {
        return type.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? type : "?";
    }

    private static long ceilDiv(long dividend, long divisor) {
        return (dividend + divisor - 1) / divisor;
    }
}

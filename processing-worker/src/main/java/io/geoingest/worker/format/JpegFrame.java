package io.geoingest.worker.format;

import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.stream.ImageInputStream;

/**
 * The frame header (SOF) of a JPEG, read with TwelveMonkeys' segment reader: the JDK's JPEG reader
 * decodes 8-bit baseline, extended and progressive JPEG only, and fails the others (12-bit, as
 * GDAL writes 16-bit rasters to JPEG; lossless; arithmetic-coded) as if they were damaged.
 *
 * @param marker     the SOF marker, which tells the coding process
 * @param precision  bits per sample
 * @param scanStart  where the segments before the image data end
 */
record JpegFrame(int marker, int precision, int width, int height, int components, long scanStart) {
    private static final Map<Integer, List<String>> FRAME_SEGMENTS = Map.ofEntries(
            Map.entry(JPEG.SOF0, JPEGSegmentUtil.ALL_IDS), Map.entry(JPEG.SOF1, JPEGSegmentUtil.ALL_IDS),
            Map.entry(JPEG.SOF2, JPEGSegmentUtil.ALL_IDS), Map.entry(JPEG.SOF3, JPEGSegmentUtil.ALL_IDS),
            Map.entry(JPEG.SOF5, JPEGSegmentUtil.ALL_IDS), Map.entry(JPEG.SOF6, JPEGSegmentUtil.ALL_IDS),
            Map.entry(JPEG.SOF7, JPEGSegmentUtil.ALL_IDS), Map.entry(JPEG.SOF9, JPEGSegmentUtil.ALL_IDS),
            Map.entry(JPEG.SOF10, JPEGSegmentUtil.ALL_IDS), Map.entry(JPEG.SOF11, JPEGSegmentUtil.ALL_IDS),
            Map.entry(JPEG.SOF13, JPEGSegmentUtil.ALL_IDS), Map.entry(JPEG.SOF14, JPEGSegmentUtil.ALL_IDS),
            Map.entry(JPEG.SOF15, JPEGSegmentUtil.ALL_IDS));

    /**
     * @return empty when the segments cannot be read up to a frame header: the JDK's reader then
     *         says what is wrong with the file. The stream is left at its start.
     */
    static Optional<JpegFrame> of(ImageInputStream input) throws IOException {
        try {
            List<JPEGSegment> frames = JPEGSegmentUtil.readSegments(input, FRAME_SEGMENTS);
            if (frames.isEmpty()) {
                return Optional.empty();
            }
            JPEGSegment frame = frames.get(0);
            DataInputStream data = new DataInputStream(frame.data());
            int precision = data.readUnsignedByte();
            int height = data.readUnsignedShort();
            int width = data.readUnsignedShort();
            int components = data.readUnsignedByte();
            return Optional.of(new JpegFrame(frame.marker(), precision, width, height, components,
                    input.getStreamPosition()));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        } finally {
            input.seek(0);
        }
    }

    /** What the JDK's decoder lacks for this image, when it lacks anything. */
    Optional<String> undecodable() {
        if (marker == JPEG.SOF3 || marker == JPEG.SOF7 || marker == JPEG.SOF11 || marker == JPEG.SOF15) {
            return Optional.of("lossless JPEG");
        }
        if (marker >= JPEG.SOF9) {
            return Optional.of("arithmetic-coded JPEG");
        }
        if (marker >= JPEG.SOF5) {
            return Optional.of("hierarchical JPEG");
        }
        return precision == Byte.SIZE ? Optional.empty() : Optional.of(precision + "-bit JPEG");
    }

    /** As GDAL reads samples of more than 8 bits: into 16 bits. */
    String dataType() {
        return precision <= Byte.SIZE ? "uint8" : "uint16";
    }
}

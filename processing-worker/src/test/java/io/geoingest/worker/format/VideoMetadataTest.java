package io.geoingest.worker.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.stream.FileImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check of a movie box's boxes before metadata-extractor reads them, on boxes made here: the
 * library makes an array of each box's declared length before it reads it.
 */
class VideoMetadataTest {
    @TempDir
    Path directory;

    private static byte[] box(String type, byte[]... children) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] child : children) {
            content.writeBytes(child);
        }
        return ByteBuffer.allocate(8 + content.size()).putInt(8 + content.size())
                .put(type.getBytes(StandardCharsets.ISO_8859_1)).put(content.toByteArray()).array();
    }

    private static byte[] claiming(String type, int declared, int actual) {
        return ByteBuffer.allocate(actual).putInt(declared).put(type.getBytes(StandardCharsets.ISO_8859_1)).array();
    }

    private static byte[] bytes(int count) {
        return new byte[count];
    }

    private FormatReport read(byte[]... topLevel) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(box("ftyp", "qt  ".getBytes(StandardCharsets.ISO_8859_1), bytes(4)));
        for (byte[] box : topLevel) {
            file.writeBytes(box);
        }
        Path video = Files.write(directory.resolve("video.mov"), file.toByteArray());
        try (FileImageInputStream in = new FileImageInputStream(video.toFile())) {
            return VideoMetadata.read(in, "video/quicktime");
        }
    }

    /** iPhones write a 'meta' box without the version and flags of MP4's: read either way, it holds together. */
    @Test
    void aMetaBoxOfEitherKindIsDescribed() throws Exception {
        byte[] handler = box("hdlr", bytes(25));
        FormatReport quickTime = read(box("mdat", bytes(100)), box("moov", box("meta", handler)));
        FormatReport mp4Style = read(box("moov", box("udta", box("meta", bytes(4), handler))));

        assertEquals(Format.VIDEO, quickTime.format());
        assertFalse(quickTime.details().has("note"), quickTime.details()::toString);
        assertFalse(mp4Style.details().has("note"), mp4Style.details()::toString);
        assertTrue(quickTime.problem().isEmpty());
    }

    /** A box claiming 2 GB within a movie box of a few bytes, at any depth, leaves the video undescribed. */
    @Test
    void aBoxLongerThanItsParentIsNotHandedToTheLibrary() throws Exception {
        for (byte[] movie : new byte[][] {
            box("moov", claiming("mvhd", 0x7ffffff0, 108)),
            box("moov", box("trak", box("mdia", claiming("hdlr", 0x40000000, 40)))),
            box("moov", box("meta", bytes(4), claiming("keys", 0x7ffffff0, 16)))}) {
            FormatReport report = read(movie);

            assertTrue(report.details().path("note").asText().contains("reach beyond it"), report.details()::toString);
            assertTrue(report.problem().isEmpty(), "the video is kept, undescribed");
        }
    }

    /** A movie box beyond what is read, or none at all. */
    @Test
    void aMovieBoxTooLargeIsNotReadAndAMissingOneFailsTheVideo() throws Exception {
        byte[] huge = ByteBuffer.allocate(16).putInt(1).put("moov".getBytes(StandardCharsets.ISO_8859_1))
                .putLong(VideoMetadata.MAX_MOVIE_BOX + 16L).array();
        byte[] padding = bytes(VideoMetadata.MAX_MOVIE_BOX);
        FormatReport tooLarge = read(huge, padding);
        assertTrue(tooLarge.details().path("note").asText().contains("more than the"), tooLarge.details()::toString);

        FormatReport cutOff = read(box("mdat", bytes(64)));
        assertTrue(cutOff.problem().orElseThrow().startsWith("the video has no movie box ('moov')"));
    }

    /**
     * A fragmented MP4 (as live recorders and DASH write it) has a small movie box first and then
     * a fragment every few seconds: in storage each box walked past is one more ranged read.
     */
    @Test
    void noBoxIsReadAfterTheMovieBox() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(box("ftyp", "iso6".getBytes(StandardCharsets.ISO_8859_1), bytes(4)));
        file.writeBytes(box("moov", box("mvhd", bytes(100))));
        for (int fragment = 0; fragment < 500; fragment++) {
            file.writeBytes(box("moof", box("mfhd", bytes(8))));
            file.writeBytes(box("mdat", bytes(64)));
        }
        Path video = Files.write(directory.resolve("fragmented.mp4"), file.toByteArray());
        AtomicInteger seeks = new AtomicInteger();
        FormatReport report;
        try (FileImageInputStream in = new FileImageInputStream(video.toFile()) {
            @Override
            public void seek(long position) throws IOException {
                seeks.incrementAndGet();
                super.seek(position);
            }
        }) {
            report = VideoMetadata.read(in, "video/mp4");
        }

        assertEquals(Format.VIDEO, report.format());
        assertTrue(report.problem().isEmpty(), report.problem()::toString);
        assertTrue(seeks.get() <= 4, seeks + " seeks");
    }
}

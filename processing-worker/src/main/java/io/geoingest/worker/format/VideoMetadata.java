package io.geoingest.worker.format;

import com.drew.imaging.mp4.Mp4MetadataReader;
import com.drew.imaging.quicktime.QuickTimeMetadataReader;
import com.drew.lang.Rational;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.mov.QuickTimeDirectory;
import com.drew.metadata.mov.media.QuickTimeVideoDirectory;
import com.drew.metadata.mov.metadata.QuickTimeMetadataDirectory;
import com.drew.metadata.mp4.Mp4Directory;
import com.drew.metadata.mp4.media.Mp4VideoDirectory;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.time.StorableDates;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.stream.ImageInputStream;

/**
 * A video's frame size, length, codec, time and place, as MP4 and QuickTime files keep them in
 * their movie box ({@code moov}), read with metadata-extractor. Cameras write that box after the
 * media data, so the file's top-level boxes are walked (a few reads, wherever the object is) and
 * the movie box read alone. Before metadata-extractor reads it, every box in it is checked to lie
 * within its parent: the library makes an array of a box's declared length before it reads the
 * box, so a made-up length would take the worker's heap. A video whose boxes do not hold
 * together is recognised and not described; one without a movie box cannot be played, and fails.
 */
final class VideoMetadata {
    /**
     * A movie box holds tables of every sample: 3-4 MB for two hours of video at 30 frames a
     * second. Beyond this it is not read: the worker reads four files at once in a heap of 384 MB.
     */
    static final int MAX_MOVIE_BOX = 16 << 20;
    private static final int MAX_FILE_TYPE_BOX = 4096;
    private static final int HEADER = 8;
    private static final int LARGE_HEADER = 16;
    /** Boxes that hold boxes, in MP4 and QuickTime as metadata-extractor walks them, and the rest of ISO BMFF's. */
    private static final Set<String> CONTAINERS = Set.of("moov", "udta", "trak", "mdia", "minf", "stbl", "ilst", "meta",
            "cmov", "text", "sbtl", "nmhd", "gmhd", "edts", "dinf", "mvex", "tref", "keys");
    /** QuickTime's zero time, which a camera that does not know the time leaves. */
    private static final Instant QUICKTIME_EPOCH = Instant.parse("1904-01-01T00:00:00Z");
    /** ISO 6709 as QuickTime writes a place: latitude, longitude, optional height, then a slash. */
    private static final Pattern ISO_6709 = Pattern.compile("([+-]\\d+(?:\\.\\d+)?)([+-]\\d+(?:\\.\\d+)?)([+-]\\d+(?:\\.\\d+)?)?/?");

    private VideoMetadata() {
    }

    /** Whether videos of this media type are read here. */
    static boolean reads(String mediaType) {
        return mediaType.equals("video/mp4") || mediaType.equals("video/quicktime");
    }

    /**
     * @param object    the whole video, read where the walk seeks
     * @param mediaType video/mp4 or video/quicktime
     */
    static FormatReport read(ImageInputStream object, String mediaType) throws IOException {
        ByteArrayOutputStream boxes = new ByteArrayOutputStream();
        long length = object.length();
        long position = 0;
        boolean movie = false;
        // every read lies within the object's length, checked before it
        while (position + HEADER <= length) {
            object.seek(position);
            byte[] header = new byte[LARGE_HEADER];
            object.readFully(header, 0, HEADER);
            long size = uint32(header, 0);
            String type = new String(header, 4, 4, StandardCharsets.ISO_8859_1);
            int headerLength = HEADER;
            if (size == 1) {
                if (position + LARGE_HEADER > length) {
                    break;
                }
                object.readFully(header, HEADER, HEADER);
                size = int64(header, HEADER);
                headerLength = LARGE_HEADER;
            } else if (size == 0) {
                size = length - position;
            }
            if (size < headerLength || position + size > length) {
                break;
            }
            if (type.equals("moov") || (type.equals("ftyp") && size <= MAX_FILE_TYPE_BOX)) {
                if (type.equals("moov") && size > MAX_MOVIE_BOX) {
                    return recognised(note("its movie box ('moov') holds " + size + " bytes, more than the "
                            + MAX_MOVIE_BOX + " read: its size, length and time were not read"));
                }
                byte[] box = new byte[(int) size];
                object.seek(position);
                object.readFully(box);
                if (type.equals("moov")) {
                    if (!holdsTogether(box, HEADER, box.length)) {
                        return recognised(note("its movie box ('moov') holds boxes that reach beyond it: its size,"
                                + " length and time were not read"));
                    }
                    movie = true;
                }
                boxes.write(box);
                if (movie) {
                    // nothing after it is read: a fragmented MP4's fragments would each be one more ranged read
                    break;
                }
            }
            position += size;
        }
        if (!movie) {
            return FormatReport.unreadable(Format.VIDEO, "the video has no movie box ('moov'), which says where its"
                    + " frames are: it was cut off before the recording ended, or is damaged; upload the complete file");
        }
        Metadata metadata;
        try {
            ByteArrayInputStream movieBoxes = new ByteArrayInputStream(boxes.toByteArray());
            metadata = mediaType.equals("video/quicktime") ? QuickTimeMetadataReader.readMetadata(movieBoxes)
                    : Mp4MetadataReader.readMetadata(movieBoxes);
        } catch (RuntimeException unreadable) {
            // a video the library cannot describe still plays: it is kept, not FAILED
            return recognised(note("its movie box could not be read: " + unreadable.getMessage()));
        }
        return describe(metadata);
    }

    private static FormatReport describe(Metadata metadata) {
        ObjectNode video = JsonNodeFactory.instance.objectNode();
        Optional<Instant> created = Optional.empty();
        Optional<Duration> duration = Optional.empty();
        Optional<double[]> place = Optional.empty();
        Mp4Directory mp4 = metadata.getFirstDirectoryOfType(Mp4Directory.class);
        QuickTimeDirectory quickTime = metadata.getFirstDirectoryOfType(QuickTimeDirectory.class);
        if (mp4 != null) {
            created = time(mp4.getDate(Mp4Directory.TAG_CREATION_TIME));
            duration = seconds(mp4.getRational(Mp4Directory.TAG_DURATION_SECONDS));
            Double latitude = mp4.getDoubleObject(Mp4Directory.TAG_LATITUDE);
            Double longitude = mp4.getDoubleObject(Mp4Directory.TAG_LONGITUDE);
            if (latitude != null && longitude != null) {
                place = Optional.of(new double[] {longitude, latitude, Double.NaN});
            }
            frames(metadata.getFirstDirectoryOfType(Mp4VideoDirectory.class), Mp4VideoDirectory.TAG_WIDTH,
                    Mp4VideoDirectory.TAG_HEIGHT, Mp4VideoDirectory.TAG_FRAME_RATE, Mp4VideoDirectory.TAG_COMPRESSOR_NAME,
                    video);
        } else if (quickTime != null) {
            created = time(quickTime.getDate(QuickTimeDirectory.TAG_CREATION_TIME));
            duration = seconds(quickTime.getRational(QuickTimeDirectory.TAG_DURATION_SECONDS));
            QuickTimeMetadataDirectory keys = metadata.getFirstDirectoryOfType(QuickTimeMetadataDirectory.class);
            if (keys != null) {
                place = iso6709(keys.getString(QuickTimeMetadataDirectory.TAG_LOCATION_ISO6709));
            }
            frames(metadata.getFirstDirectoryOfType(QuickTimeVideoDirectory.class), QuickTimeVideoDirectory.TAG_WIDTH,
                    QuickTimeVideoDirectory.TAG_HEIGHT, QuickTimeVideoDirectory.TAG_FRAME_RATE,
                    QuickTimeVideoDirectory.TAG_COMPRESSOR_NAME, video);
        }
        duration.ifPresent(length -> video.put("durationSeconds", length.toMillis() / 1000.0));
        created.ifPresent(time -> video.put("created", time.toString()));
        Optional<double[]> onTheEarth = place.filter(point -> Math.abs(point[0]) <= 180 && Math.abs(point[1]) <= 90
                && !(point[0] == 0 && point[1] == 0));
        onTheEarth.ifPresent(point -> {
            video.put("longitude", Wgs84.rounded(point[0])).put("latitude", Wgs84.rounded(point[1]));
            if (!Double.isNaN(point[2])) {
                video.put("altitude", point[2]);
            }
        });
        Optional<Bounds> bounds = onTheEarth.map(point -> new Bounds(Wgs84.rounded(point[0]), Wgs84.rounded(point[1]),
                Wgs84.rounded(point[0]), Wgs84.rounded(point[1])));
        Duration length = duration.orElse(Duration.ZERO);
        Optional<Instant> end = created.flatMap(first -> StorableDates.storable(first.plus(length)));
        return new FormatReport(Format.VIDEO, video, bounds, created, end, Optional.empty());
    }

    /**
     * Whether every box in {@code box[from, to)} that the library could read into an array lies
     * within it, and within the boxes that hold it. A length below a header's or beyond what a
     * 32-bit array holds ends the library's walk there, with no array made, and so ends this check;
     * so does a box of a type no box has (not four printable letters), which the library skips.
     */
    private static boolean holdsTogether(byte[] box, int from, int to) {
        int position = from;
        while (position + HEADER <= to) {
            long size = uint32(box, position);
            String type = new String(box, position + 4, 4, StandardCharsets.ISO_8859_1);
            int headerLength = HEADER;
            if (size == 1) {
                if (position + LARGE_HEADER > to) {
                    return true;
                }
                size = int64(box, position + HEADER);
                headerLength = LARGE_HEADER;
            }
            if (size < HEADER || size > Integer.MAX_VALUE) {
                return true;
            }
            if (position + size > to) {
                return !named(type);
            }
            int end = (int) (position + size);
            // a 'meta' box is a full box (4 bytes of version and flags first) in MP4, and in QuickTime
            // not always: neither reading may find a box beyond it
            if (CONTAINERS.contains(type) && !(holdsTogether(box, position + headerLength, end)
                    && (!type.equals("meta") || holdsTogether(box, Math.min(end, position + headerLength + 4), end)))) {
                return false;
            }
            position = end;
        }
        return true;
    }

    /** Whether a box type is one a box could have: four printable characters (as {@code ©xyz}). */
    private static boolean named(String type) {
        return type.chars().allMatch(c -> (c >= 0x20 && c < 0x7f) || c == 0xa9);
    }

    private static void frames(Directory video, int width, int height, int frameRate, int codec, ObjectNode details) {
        if (video == null) {
            return;
        }
        Integer across = video.getInteger(width);
        Integer down = video.getInteger(height);
        if (across != null && down != null) {
            details.put("width", across).put("height", down);
        }
        Double rate = video.getDoubleObject(frameRate);
        if (rate != null && rate > 0) {
            details.put("frameRate", rate);
        }
        String name = video.getString(codec);
        if (name != null && !name.isBlank()) {
            details.put("codec", name.trim());
        }
    }

    private static Optional<Instant> time(Date date) {
        return Optional.ofNullable(date).map(Date::toInstant).filter(QUICKTIME_EPOCH::isBefore)
                .flatMap(StorableDates::storable);
    }

    private static Optional<Duration> seconds(Rational seconds) {
        if (seconds == null || seconds.getDenominator() == 0 || seconds.doubleValue() < 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(Math.round(seconds.doubleValue() * 1000)));
    }

    private static Optional<double[]> iso6709(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher place = ISO_6709.matcher(text.trim());
        if (!place.matches()) {
            return Optional.empty();
        }
        return Optional.of(new double[] {Double.parseDouble(place.group(2)), Double.parseDouble(place.group(1)),
            place.group(3) == null ? Double.NaN : Double.parseDouble(place.group(3))});
    }

    private static FormatReport recognised(ObjectNode details) {
        return FormatReport.recognised(Format.VIDEO).withDetails(details);
    }

    private static ObjectNode note(String text) {
        return JsonNodeFactory.instance.objectNode().put("note", "the video was not described: " + text);
    }

    /** Box lengths are big-endian, as ByteBuffer reads by default. */
    private static long uint32(byte[] bytes, int at) {
        return Integer.toUnsignedLong(ByteBuffer.wrap(bytes).getInt(at));
    }

    private static long int64(byte[] bytes, int at) {
        return ByteBuffer.wrap(bytes).getLong(at);
    }
}

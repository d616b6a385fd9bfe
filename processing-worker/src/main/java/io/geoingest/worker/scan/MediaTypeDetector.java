package io.geoingest.worker.scan;

import java.io.BufferedInputStream;
import java.io.IOException;
import org.apache.tika.detect.DefaultDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;
import org.apache.tika.mime.MimeTypesFactory;

/** Detects a media type from the first bytes of a stream with Apache Tika, the file name as a hint. */
final class MediaTypeDetector {
    /**
     * How far the stream may be read ahead before it is rewound: more than tika-core's detectors
     * look at (64 KiB of magic bytes). The buffer grows only as far as a detector actually reads.
     */
    private static final int LOOK_AHEAD_LIMIT = 1024 * 1024;

    private final Detector detector = new DefaultDetector(mediaTypes());

    /**
     * Tika's media types and those of {@code added-media-types.xml} (BigTIFF's little-endian
     * signature, which Tika lacks). Tika 3 looks for its own extension file at the root of the
     * class path, not beside its registry as it documents: the file is named here instead.
     */
    private static MimeTypes mediaTypes() {
        try {
            return MimeTypesFactory.create(MimeTypes.class.getResource("tika-mimetypes.xml"),
                    MediaTypeDetector.class.getResource("added-media-types.xml"));
        } catch (IOException | MimeTypeException e) {
            throw new IllegalStateException("the media types Tika detects could not be read", e);
        }
    }

    /** Reads ahead and rewinds, so the caller's pass over the stream still starts at its first byte. */
    String detect(BufferedInputStream stream, String fileName) throws IOException {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        stream.mark(LOOK_AHEAD_LIMIT);
        try {
            return detector.detect(stream, metadata).getBaseType().toString();
        } finally {
            stream.reset();
        }
    }
}

package io.geoingest.worker.scan;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.file.SourceType;
import io.geoingest.worker.WorkerConfig;
import io.geoingest.worker.format.Format;
import io.geoingest.worker.format.FormatReaders;
import io.geoingest.worker.format.FormatReaders.Plan;
import io.geoingest.worker.format.FormatReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads a stored object exactly once: the media type from the first bytes, then every byte through
 * the pass's {@link StreamStep}s (size, SHA-256, and a temporary copy for formats that need random
 * access), while a streaming format reader (JSON) consumes the same bytes.
 */
@ApplicationScoped
public class ContentScanner {
    private static final int READ_BUFFER = 64 * 1024;
    /** Enough to see a signature and where a JSON document starts. */
    private static final int HEAD_BYTES = 1024;

    private final MediaTypeDetector mediaTypes = new MediaTypeDetector();

    @Inject
    FormatReaders formats;

    @Inject
    WorkerConfig config;

    @Inject
    ReadingDeadline deadline;

    @Inject
    WorkerSpoolDirectory spoolDirectory;

    /**
     * @param object   the object's bytes, read to the end but not closed
     * @param fileName the name the file was uploaded with, a hint for the media type
     * @param declared the source type the uploader declared
     * @param announcedSize the object's size as the storage announced it, when it did
     * @param progress called after every buffer read, so a long read can notice a lost claim
     * @param ranges   the same object's parts, for a file over the spool limit whose format can be
     *                 described from a few of them
     * @throws IOException when reading the object fails (a storage fault, worth another try)
     */
    public ContentFacts scan(InputStream object, String fileName, SourceType declared, OptionalLong announcedSize,
            Runnable progress, ObjectRanges ranges) throws IOException {
        BufferedInputStream stream = new BufferedInputStream(object, READ_BUFFER);
        String mediaType = mediaTypes.detect(stream, fileName);
        byte[] head = peek(stream);
        Plan plan = formats.plan(mediaType, head, fileName, declared);
        ByteCounter size = new ByteCounter();
        Sha256Step checksum = new Sha256Step();
        List<StreamStep> steps = new ArrayList<>(List.of(size, checksum));
        FormatReport report;
        boolean contentRead = true;
        if (plan instanceof Plan.FromFile fromFile) {
            try (SpoolStep spool = SpoolStep.start(spoolDirectory, config.spoolLimit().asLongValue(), announcedSize)) {
                steps.add(spool);
                new ObservedStream(stream, steps, progress).drain();
                Optional<Path> copy = spool.complete();
                if (copy.isPresent()) {
                    report = deadline.read(fromFile, copy.get());
                } else if (fromFile.inStorage().isPresent()) {
                    report = readInStorage(fromFile.format(), fromFile.inStorage().get(), ranges, size.count());
                } else {
                    report = tooLargeToRead(fromFile, spool);
                    contentRead = false;
                }
            }
        } else if (plan instanceof Plan.InStorage inStorage) {
            new ObservedStream(stream, steps, progress).drain();
            report = readInStorage(inStorage.format(), inStorage.reader(), ranges, size.count());
        } else if (plan instanceof Plan.Streaming streaming) {
            ObservedStream observed = new ObservedStream(stream, steps, progress);
            // A storage fault the parser met, whatever it made of it, wins over its verdict.
            report = ReadingDeadline.readCatchingErrors(streaming.format(), () -> streaming.reader().read(observed));
            observed.rethrowStorageFailure();
            observed.drain();
        } else {
            new ObservedStream(stream, steps, progress).drain();
            report = ((Plan.FromHead) plan).report();
            contentRead = false;
        }
        return new ContentFacts(size.count(), checksum.multihashHex(), mediaType, report, contentRead);
    }

    /** Reads the parts of the stored object the reader seeks, once the pass knows the object's size. */
    private FormatReport readInStorage(Format format, FormatReaders.StoredObjectReader reader, ObjectRanges ranges,
            long size) throws IOException {
        StoredObjectStream stored = new StoredObjectStream(ranges, size);
        FormatReport report = deadline.read(format, () -> reader.read(stored));
        stored.rethrowStorageFailure();
        return report;
    }

    private static FormatReport tooLargeToRead(Plan.FromFile plan, SpoolStep spool) {
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.put("note", spool.failure().map(failure -> "the worker could not copy the file to its spool directory ("
                + failure.getMessage() + "): its content was not read").orElse("the file is larger than the worker's"
                + " spool limit of " + spool.limit() + " bytes (geoingest.worker.spool-limit): its content was not read"));
        return FormatReport.recognised(plan.format()).withDetails(details);
    }

    private static byte[] peek(BufferedInputStream stream) throws IOException {
        stream.mark(HEAD_BYTES);
        try {
            return stream.readNBytes(HEAD_BYTES);
        } finally {
            stream.reset();
        }
    }
}

package io.geoingest.cli.upload;

import io.geoingest.cli.ByteSize;
import io.geoingest.cli.CliException;
import io.geoingest.cli.GaveUpWaitingException;
import io.geoingest.cli.OnInterrupt;
import io.geoingest.cli.Session;
import io.geoingest.cli.file.FileApi;
import io.geoingest.cli.file.StoredParts;
import io.geoingest.cli.file.UploadTarget;
import io.geoingest.cli.file.UploadedFile;
import io.geoingest.cli.http.ApiException;
import io.geoingest.cli.http.FileRange;
import io.geoingest.cli.http.LocalReadException;
import io.geoingest.cli.progress.Progress;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A chunked upload (Type 2): parts sent in parallel, each read from the file by its byte range.
 * The upload's state is saved before the first part is sent, so a run that is interrupted in any
 * way is resumed by the next run for the same file: it asks the server which parts it has and
 * sends only the others.
 */
final class ChunkedUpload {
    private static final int CHUNK_TOO_LARGE = 413;
    private static final Pattern STATED_CHUNK_LIMIT = Pattern.compile("a chunk may be at most (?:[^(]*\\()?([1-9]\\d{0,17}) bytes");

    private final Session session;
    private final UploadStateStore states;
    private final LocalFile file;
    private final long chunkSize;
    private final int parallel;
    private final SourceType sourceType;
    private final FileApi api;

    ChunkedUpload(Session session, UploadStateStore states, LocalFile file, long chunkSize, int parallel,
            SourceType sourceType) {
        this.session = session;
        this.states = states;
        this.file = file;
        this.chunkSize = chunkSize;
        this.parallel = parallel;
        this.sourceType = sourceType;
        this.api = session.files();
    }

    UploadedFile run() {
        String server = session.connection().baseUrl().toString();
        Optional<UploadState> saved = states.find(file, server);
        Optional<StoredParts> stored = saved.flatMap(this::storedParts);
        Optional<String> completedAs = stored.flatMap(StoredParts::completedAs);
        if (completedAs.isPresent()) {
            session.notice("The earlier upload of " + file.name() + " completed as file " + completedAs.get());
            states.delete(saved.get());
            return new UploadedFile(completedAs.get(), file.name(), file.size());
        }
        UploadState state = stored.isPresent() ? saved.get() : start(server);
        PartPlan plan = PartPlan.of(file.size(), state.chunkSize());
        OnServer onServer = stored.map(parts -> sameAsSent(plan, state, parts.sizes())).orElse(OnServer.NOTHING);
        // The state of an older client stays without MD5s: recording only the parts sent from now on
        // would make a further resume send again the parts it took unchecked.
        SentParts sent = new SentParts(onServer.md5s(), state.sentParts() == null ? md5s -> { }
                : md5s -> saveSentParts(state, md5s), System::nanoTime, SentParts.later());
        List<PartPlan.Part> missing = plan.missing(plan.parts().stream().filter(part -> onServer.kept().contains(part.number()))
                .collect(Collectors.toMap(PartPlan.Part::number, PartPlan.Part::length)));
        UploadTarget target = new UploadTarget(state.uploadId(), state.key());
        if (stored.isPresent()) {
            int there = stored.get().sizes().size();
            int kept = onServer.kept().size();
            session.notice("Resuming the upload of " + file.name() + ": " + kept + " of " + plan.parts().size()
                    + " parts are on the server already" + (there > kept ? "; " + (there - kept)
                            + " more there differ from the file now, or were not recorded, and go again" : ""));
        } else {
            int count = plan.parts().size();
            session.notice("Uploading " + file.name() + " (" + ByteSize.format(file.size()) + ")" + (count == 1 ? " in one part"
                    : " in " + count + " parts of " + ByteSize.format(plan.chunkSize()) + ", " + Math.min(parallel, count) + " at a time"));
        }
        long done = file.size() - PartPlan.bytes(missing);
        String abortUrl = session.connection().resolve("/public/file/upload/" + state.uploadId()).toString();
        // Once the completion is sent the server answers a DELETE with 409 while it assembles the file.
        AtomicBoolean completing = new AtomicBoolean();
        try (OnInterrupt hint = OnInterrupt.run(() -> {
            // a stopped JVM runs no finally block: the parts taken since the last save are saved here
            sent.flush();
            session.environment().err().println(completing.get()
                    ? "\nInterrupted while the server completes upload " + state.uploadId() + " of " + file.name()
                            + ": run the same command again for its file id"
                    : "\nInterrupted; upload " + state.uploadId() + " of " + file.name() + " stays on the server: run the"
                            + " same command again to resume it, or abort it (DELETE " + abortUrl + "); left alone, the"
                            + " server removes it once it has been idle for its abandon-after age (24 h by default)");
        })) {
            try (Progress progress = session.progress(file.name(), file.size(), done)) {
                try {
                    send(target, missing, progress, sent::record);
                } finally {
                    sent.flush();
                }
            } catch (LocalReadException e) {
                // the file was removed or cut short: the upload cannot be resumed from it
                forget(state);
                throw e;
            } catch (CliException e) {
                throw e instanceof ApiException refused && refused.status() == CHUNK_TOO_LARGE
                        ? chunkTooLarge(refused, state)
                        : new CliException(e.getMessage() + "; run the same command again to resume the upload", e);
            }
            try {
                file.checkUnchanged();
            } catch (CliException e) {
                forget(state);
                throw e;
            }
            completing.set(true);
            UploadedFile uploaded = complete(target);
            states.delete(state);
            return uploaded;
        }
    }

    /**
     * A part the server refused as larger than it takes would be refused again by the upload
     * resumed, which keeps its chunk size: its saved state goes, so that the same command run
     * again starts anew with the {@code --chunk-size} it is given. (Resuming with smaller chunks
     * would send every part again all the same: a part number then stands for other bytes.)
     */
    private CliException chunkTooLarge(ApiException refused, UploadState state) {
        forget(state);
        OptionalLong limit = statedChunkLimit(refused.serverMessage());
        String advice;
        if (limit.isEmpty()) {
            advice = "the server refuses parts of " + ByteSize.format(state.chunkSize())
                    + " as too large: run the same command again with a smaller --chunk-size (the upload then starts anew)";
        } else if (PartPlan.of(file.size(), limit.getAsLong()).chunkSize() > limit.getAsLong()) {
            advice = "the server takes chunks of at most " + ByteSize.format(limit.getAsLong()) + ", too small for "
                    + file.name() + " (" + ByteSize.format(file.size()) + ") in the " + PartPlan.MAX_PARTS
                    + " parts an upload may have: it cannot be uploaded to this server in chunks";
        } else {
            advice = "the server takes chunks of at most " + ByteSize.format(limit.getAsLong())
                    + ": run the same command again with --chunk-size " + ByteSize.exact(limit.getAsLong())
                    + " or less (the upload then starts anew)";
        }
        return new CliException(refused.getMessage() + "; " + advice, refused);
    }

    /**
     * Drops an upload that cannot be resumed: the next run starts anew and would leave it behind.
     * Its abort is best effort, as the server removes an abandoned upload in time anyway.
     */
    private void forget(UploadState state) {
        states.delete(state);
        try {
            api.abortUpload(state.uploadId());
        } catch (CliException e) {
            session.transport().debug("aborting upload " + state.uploadId() + " failed: " + e.getMessage());
        }
    }

    /**
     * The limit the upload-service states in its 413 for a chunk (RequestSizeLimits.chunkTooLarge:
     * "a chunk may be at most 8 MiB (8388608 bytes)", or "at most 1000 bytes"); nothing from
     * a server or proxy that says it otherwise.
     */
    private static OptionalLong statedChunkLimit(String serverMessage) {
        Matcher stated = STATED_CHUNK_LIMIT.matcher(serverMessage);
        return stated.find() ? OptionalLong.of(Long.parseLong(stated.group(1))) : OptionalLong.empty();
    }

    /**
     * Completes the upload. A completion whose answer was lost (a broken connection, a proxy's 504,
     * a server that took longer than the client waits) is sent again and finds the upload
     * completed: the file it made is the answer; or finds it still being completed: the saved
     * state stays, for the same command run later to report the file.
     */
    private UploadedFile complete(UploadTarget target) {
        try {
            return api.completeUpload(target, file.size(), sourceType.name(), file.name());
        } catch (ApiException e) {
            if (e.status() != 409) {
                throw e;
            }
            StoredParts parts = api.parts(target.uploadId());
            if (parts.completing()) {
                throw stillAssembling(e);
            }
            return parts.completedAs().map(fileId -> new UploadedFile(fileId, file.name(), file.size())).orElseThrow(() -> e);
        }
    }

    /** The same command run later reports the file (or that it failed), as the upload's state stays saved. */
    private GaveUpWaitingException stillAssembling(Exception cause) {
        return new GaveUpWaitingException("the server is still assembling " + file.name()
                + "; run the same command again in a while to get its file id", cause);
    }

    /**
     * The server's parts of a saved upload, in progress or completed; nothing when the server has no
     * such upload to resume.
     */
    private Optional<StoredParts> storedParts(UploadState saved) {
        try {
            StoredParts parts = api.parts(saved.uploadId());
            if (parts.inProgress() || parts.completedAs().isPresent()) {
                return Optional.of(parts);
            }
            if (!parts.ended()) {
                // neither taking parts nor ended: a completion is assembling the file
                throw stillAssembling(null);
            }
            session.notice("The earlier upload of " + file.name() + " is " + parts.status() + " on the server; starting anew");
            return Optional.empty();
        } catch (ApiException e) {
            if (e.status() == 404) {
                session.notice("The server no longer knows the earlier upload of " + file.name() + "; starting anew");
                return Optional.empty();
            }
            throw e;
        }
    }

    private UploadState start(String server) {
        PartPlan plan = PartPlan.of(file.size(), chunkSize);
        states.checkWritable();
        UploadTarget target = api.generateUploadId(file.name());
        UploadState state = new UploadState(file.path().toString(), file.size(), file.modifiedMillis(),
                plan.chunkSize(), server, target.uploadId(), target.key(), Instant.now().toString(), Map.of());
        states.save(state);
        return state;
    }

    /** The parts on the server that are not sent again, and the MD5s known of them. */
    private record OnServer(Set<Integer> kept, Map<Integer, String> md5s) {
        static final OnServer NOTHING = new OnServer(Set.of(), Map.of());
    }

    /**
     * The parts the server has that still hold the bytes they were sent with: a file rewritten in
     * place may keep its size and time, and a part of other bytes would corrupt the file. They are
     * read again and hashed {@code parallel} at a time, after a line that says so, as checking tens
     * of gigabytes takes minutes. A state saved by an older client keeps no MD5s: its parts of the
     * right size are kept unchecked, as that client kept them.
     */
    private OnServer sameAsSent(PartPlan plan, UploadState state, Map<Integer, Long> storedSizes) {
        List<PartPlan.Part> whole = plan.parts().stream()
                .filter(part -> storedSizes.getOrDefault(part.number(), -1L) == part.length()).toList();
        Set<Integer> numbers = whole.stream().map(PartPlan.Part::number).collect(Collectors.toSet());
        if (state.sentParts() == null) {
            if (!whole.isEmpty()) {
                session.notice("Resuming the upload of " + file.name() + ": it was started by an older client, which kept"
                        + " no checksums, so the " + whole.size() + " parts on the server are not checked against the file");
            }
            return new OnServer(numbers, Map.of());
        }
        List<PartPlan.Part> recorded = whole.stream().filter(part -> state.sentParts().containsKey(part.number())).toList();
        if (recorded.isEmpty()) {
            return OnServer.NOTHING;
        }
        session.notice("Resuming the upload of " + file.name() + ": checking the " + recorded.size() + " parts already sent ("
                + ByteSize.format(PartPlan.bytes(recorded)) + ") against the file");
        List<Boolean> unchanged;
        try (Progress progress = session.progress("checking " + file.name(), PartPlan.bytes(recorded), 0)) {
            unchanged = PartSenders.sendAll(parallel, recorded.stream().<Callable<Boolean>>map(part -> () -> {
                boolean same = state.sentParts().get(part.number())
                        .equals(new FileRange(file.path(), part.offset(), part.length()).md5());
                progress.advance(part.length());
                return same;
            }).toList());
        }
        Map<Integer, String> same = new HashMap<>();
        for (int i = 0; i < recorded.size(); i++) {
            if (unchanged.get(i)) {
                int number = recorded.get(i).number();
                same.put(number, state.sentParts().get(number));
            }
        }
        return new OnServer(same.keySet(), same);
    }

    /**
     * Best effort: a state that cannot be saved (a full disk) must not fail a healthy upload; the
     * parts it misses are only sent again if the upload is resumed.
     */
    private void saveSentParts(UploadState state, Map<Integer, String> md5s) {
        try {
            states.save(state.withSentParts(md5s));
        } catch (CliException e) {
            session.transport().debug("the parts sent go unrecorded, and are sent again on resume: " + e.getMessage());
        }
    }

    /** Sends the parts, {@code parallel} at a time; the first part that fails stops the others. */
    private void send(UploadTarget target, List<PartPlan.Part> parts, Progress progress, BiConsumer<Integer, String> sent) {
        PartSenders.sendAll(parallel, parts.stream().<Callable<Integer>>map(part -> () -> {
            FileRange range = new FileRange(file.path(), part.offset(), part.length());
            api.uploadChunk(target, part.number(), range, file.name(), progress.transfer())
                    .ifPresent(md5 -> sent.accept(part.number(), md5));
            return part.number();
        }).toList());
    }
}

package io.geoingest.upload.chunked;

import io.geoingest.common.file.FileRecord;
import io.geoingest.upload.files.FileRegistry;
import io.geoingest.upload.files.NewFile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The rows of chunked uploads and their parts. Every status change is a conditional update from
 * the status the caller saw, so of two requests racing for an upload exactly one wins.
 */
@ApplicationScoped
public class UploadStore {
    /**
     * A part's columns, as {@link #storedPart} reads them. A row written by a service from before
     * staged_key (while both run, in a rolling update) has its chunk where those services put it.
     */
    private static final String PART_COLUMNS = "part_number, size, etag,"
            + " coalesce(staged_key, case when staged then 'staging/' || upload_id || '/' || part_number end)";

    /**
     * A completion's silence and an upload's inactivity are told by the database's time, never a
     * service's: the row was last written by one service and is judged by another, and with their
     * clocks minutes apart a live completion was taken for one cut off, and aborted with its parts.
     * The writes a completion's silence is told from (its claim, its heartbeats) take the database's
     * time too; the others stay a service's, which cannot matter against a day of inactivity.
     */
    private static final String DATABASE_NOW = "clock_timestamp()";

    @Inject
    EntityManager entityManager;

    @Inject
    FileRegistry files;

    @Transactional
    public void create(UploadRecord upload) {
        upload.persist();
    }

    @Transactional
    public Optional<UploadRecord> find(String id) {
        return UploadRecord.<UploadRecord>findByIdOptional(id).filter(upload -> UploadRecord.KIND.equals(upload.kind));
    }

    /** Moves an upload from {@code from} to {@code to}; false when it no longer is in {@code from}. */
    @Transactional
    public boolean transition(String id, UploadStatus from, UploadStatus to) {
        return transition(id, from, to, Optional.empty());
    }

    /** {@link #transition}, and when {@code unchangedFor} is given only for an upload unchanged for that long. */
    private boolean transition(String id, UploadStatus from, UploadStatus to, Optional<Duration> unchangedFor) {
        boolean ends = to == UploadStatus.COMPLETED || to == UploadStatus.ABORTED;
        var update = entityManager.createNativeQuery("update upload set status = ?1, updated_at = " + DATABASE_NOW
                        + ", ended_at = " + (ends ? DATABASE_NOW : "null")
                        + " where id = ?2 and kind = 'chunked' and status = ?3"
                        + (unchangedFor.isPresent() ? " and " + unchangedFor(4) : ""))
                .setParameter(1, to.value())
                .setParameter(2, id)
                .setParameter(3, from.value());
        unchangedFor.ifPresent(length -> update.setParameter(4, length.toMillis()));
        return update.executeUpdate() == 1;
    }

    /**
     * The row unchanged for the milliseconds in parameter {@code parameter}, by the database's time:
     * the transaction's start, never later than the statement's, so that a statement that waited
     * for the row's lock errs towards the one that held it.
     */
    private static String unchangedFor(int parameter) {
        return "updated_at < now() - " + millis(parameter);
    }

    /** An interval of the milliseconds in parameter {@code parameter}, in SQL. */
    private static String millis(int parameter) {
        return "cast(?" + parameter + " as bigint) * interval '1 millisecond'";
    }

    /**
     * Records a received chunk, replacing one with the same number; empty when the upload is no
     * longer in progress, otherwise the staged copy of the chunk it replaced, if there was one.
     * The update of the upload row comes first: it waits for a completion that is claiming the
     * upload, makes that completion wait for this part, and keeps two chunks of one number in turn.
     */
    @Transactional
    public Optional<PartRecorded> recordPart(String uploadId, StoredPart part) {
        Instant now = Instant.now();
        int touched = entityManager.createNativeQuery(
                        "update upload set updated_at = ?1 where id = ?2 and kind = 'chunked' and status = 'in-progress'")
                .setParameter(1, now)
                .setParameter(2, uploadId)
                .executeUpdate();
        if (touched == 0) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> replaced = entityManager.createNativeQuery(
                        "select " + PART_COLUMNS + " from upload_part where upload_id = ?1 and part_number = ?2")
                .setParameter(1, uploadId)
                .setParameter(2, part.partNumber())
                .getResultList();
        Optional<String> replacedStagedKey = replaced.stream().findFirst().flatMap(row -> storedPart(row).stagedKey());
        entityManager.createNativeQuery("""
                        insert into upload_part (upload_id, part_number, size, etag, staged, staged_key, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                        on conflict (upload_id, part_number) do update
                        set size = excluded.size, etag = excluded.etag, staged = excluded.staged,
                            staged_key = excluded.staged_key, created_at = excluded.created_at
                        """)
                .setParameter(1, uploadId)
                .setParameter(2, part.partNumber())
                .setParameter(3, part.size())
                .setParameter(4, part.eTag())
                .setParameter(5, part.staged())
                .setParameter(6, part.stagedKey().orElse(null))
                .setParameter(7, now)
                .executeUpdate();
        return Optional.of(new PartRecorded(replacedStagedKey));
    }

    /** A chunk was recorded; the staged copy of the chunk it replaced, if any, is no longer needed. */
    public record PartRecorded(Optional<String> replacedStagedKey) {
    }

    /** The parts received so far, by part number. */
    @Transactional
    public List<StoredPart> parts(String uploadId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                        "select " + PART_COLUMNS + " from upload_part where upload_id = ?1 order by part_number")
                .setParameter(1, uploadId)
                .getResultList();
        return rows.stream().map(UploadStore::storedPart).toList();
    }

    private static StoredPart storedPart(Object[] row) {
        return new StoredPart(((Number) row[0]).intValue(), ((Number) row[1]).longValue(), (String) row[2],
                Optional.ofNullable((String) row[3]));
    }

    /** In one transaction: the file row, its outbox event and the upload marked completed with it. */
    @Transactional
    public FileRecord complete(String uploadId, NewFile file) {
        FileRecord record = files.register(file);
        Instant now = Instant.now();
        int completed = entityManager.createNativeQuery("""
                        update upload set status = 'completed', file_id = ?1, updated_at = ?2, ended_at = ?2
                        where id = ?3 and status = 'completing'
                        """)
                .setParameter(1, record.id)
                .setParameter(2, now)
                .setParameter(3, uploadId)
                .executeUpdate();
        if (completed != 1) {
            throw new IllegalStateException("upload " + uploadId + " stopped completing (it was aborted meanwhile)");
        }
        return record;
    }

    /** Marks a completion still at work, so that it is not taken for one cut off ({@link #abortCutOffCompletion}). */
    @Transactional
    public void completionAlive(String id) {
        entityManager.createNativeQuery("update upload set updated_at = " + DATABASE_NOW
                        + " where id = ?1 and status = 'completing'")
                .setParameter(1, id)
                .executeUpdate();
    }

    /**
     * Whether the upload is completing, and its completion has given no sign of life for
     * {@link UploadCompletion#SILENCE_OF_A_CUT_OFF_COMPLETION}: its service stopped in the middle.
     */
    @Transactional
    public boolean completionCutOff(String id) {
        return !entityManager.createNativeQuery("select 1 from upload where id = ?1 and kind = 'chunked'"
                        + " and status = 'completing' and " + unchangedFor(2))
                .setParameter(1, id)
                .setParameter(2, UploadCompletion.SILENCE_OF_A_CUT_OFF_COMPLETION.toMillis())
                .getResultList()
                .isEmpty();
    }

    /** Records the multipart upload a completion writes the file anew into, for an abort to remove with the rest. */
    @Transactional
    public void rebuildStarted(String id, String rebuildS3UploadId) {
        entityManager.createNativeQuery("update upload set rebuild_s3_upload_id = ?1 where id = ?2 and kind = 'chunked'")
                .setParameter(1, rebuildS3UploadId)
                .setParameter(2, id)
                .executeUpdate();
    }

    /**
     * Takes an upload whose completion has given no sign of life for
     * {@link UploadCompletion#SILENCE_OF_A_CUT_OFF_COMPLETION} back to in progress, its parts
     * unused. False when the upload is not completing, or still alive.
     */
    @Transactional
    public boolean reopenCutOffCompletion(String id) {
        return transition(id, UploadStatus.COMPLETING, UploadStatus.IN_PROGRESS,
                Optional.of(UploadCompletion.SILENCE_OF_A_CUT_OFF_COMPLETION));
    }

    /**
     * Aborts an upload whose completion has given no sign of life for
     * {@link UploadCompletion#SILENCE_OF_A_CUT_OFF_COMPLETION}: its service stopped in the middle.
     * False when the upload is not completing, or still alive.
     */
    @Transactional
    public boolean abortCutOffCompletion(String id) {
        return transition(id, UploadStatus.COMPLETING, UploadStatus.ABORTED,
                Optional.of(UploadCompletion.SILENCE_OF_A_CUT_OFF_COMPLETION));
    }

    /**
     * Marks uploads that have not changed for {@code inactiveFor} (by the database's time) aborted,
     * at most {@code limit} of them, chunked and STAC uploads alike (a STAC upload whose part URLs
     * were signed since then is still being sent); returns them so that what they stored can be
     * removed (until it is, {@link #owingStorageRemoval} lists them). Several instances may run this
     * at once: each upload is claimed by one.
     */
    @Transactional
    public List<AbortedUpload> claimAbandoned(Duration inactiveFor, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        with abandoned as (
                            select id from upload
                            where status = 'in-progress' and %s
                                  and (urls_signed_at is null or urls_signed_at < now() - %s)
                            order by updated_at
                            limit ?2
                            for update skip locked)
                        update upload set status = 'aborted', updated_at = ?3, ended_at = ?3
                        from abandoned where upload.id = abandoned.id
                        returning upload.id, upload.object_key, upload.s3_upload_id
                        """.formatted(unchangedFor(1), millis(1)))
                .setParameter(1, inactiveFor.toMillis())
                .setParameter(2, limit)
                .setParameter(3, Instant.now())
                .getResultList();
        return abortedUploads(rows);
    }

    /**
     * Chunked uploads whose completion has been silent for
     * {@link UploadCompletion#SILENCE_OF_A_CUT_OFF_COMPLETION}, at most {@code limit} of them.
     */
    @Transactional
    public List<UploadRecord> cutOffCompletions(int limit) {
        @SuppressWarnings("unchecked")
        List<UploadRecord> cutOff = entityManager.createNativeQuery("select * from upload where kind = 'chunked'"
                        + " and status = 'completing' and " + unchangedFor(1) + " order by updated_at limit ?2",
                        UploadRecord.class)
                .setParameter(1, UploadCompletion.SILENCE_OF_A_CUT_OFF_COMPLETION.toMillis())
                .setParameter(2, limit)
                .getResultList();
        return cutOff;
    }

    /**
     * Aborted uploads whose storage removal is still owed, chunked and STAC alike, in id order after
     * {@code afterId}, at most {@code limit} of them.
     */
    @Transactional
    public List<AbortedUpload> owingStorageRemoval(String afterId, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select id, object_key, s3_upload_id from upload
                        where status = 'aborted' and storage_removed_at is null and id > ?1
                        order by id
                        limit ?2
                        """)
                .setParameter(1, afterId)
                .setParameter(2, limit)
                .getResultList();
        return abortedUploads(rows);
    }

    /** Records that storage holds nothing more of an aborted upload. */
    @Transactional
    public void storageRemoved(String id) {
        entityManager.createNativeQuery("update upload set storage_removed_at = ?1 where id = ?2 and status = 'aborted'")
                .setParameter(1, Instant.now())
                .setParameter(2, id)
                .executeUpdate();
    }

    private static List<AbortedUpload> abortedUploads(List<Object[]> rows) {
        return rows.stream().map(row -> new AbortedUpload((String) row[0], (String) row[1], (String) row[2])).toList();
    }

    /** An aborted upload, with what locates what it may have stored. */
    public record AbortedUpload(String id, String objectKey, String s3UploadId) {
        public static AbortedUpload of(UploadRecord upload) {
            return new AbortedUpload(upload.id, upload.objectKey, upload.s3UploadId);
        }
    }
}

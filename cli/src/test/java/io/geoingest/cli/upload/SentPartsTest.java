package io.geoingest.cli.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The MD5s of the parts sent are saved at most about once a second, and once more when sending stops. */
class SentPartsTest {
    private static final Executor NEVER = task -> { };

    /** A run killed while its last parts hang must not lose the parts that ended just before. */
    @Test
    void partsHeldBackBySavesASecondApartAreSavedASecondLaterThoughNoOtherPartEnds() {
        AtomicLong now = new AtomicLong();
        List<Map<Integer, String>> saves = new ArrayList<>();
        List<Runnable> planned = new ArrayList<>();
        SentParts sent = new SentParts(Map.of(), saves::add, now::get, planned::add);

        sent.record(1, "md5-1");
        sent.record(2, "md5-2");
        assertEquals(List.of(), saves, "saved at once, within a second of the start");
        assertEquals(1, planned.size(), "one save planned for both");

        planned.forEach(Runnable::run);

        assertEquals(List.of(Map.of(1, "md5-1", 2, "md5-2")), saves);
    }

    @Test
    void aThousandPartsSentWithinTwoSecondsAreSavedAFewTimesNotAThousand() {
        AtomicLong now = new AtomicLong();
        List<Map<Integer, String>> saves = new ArrayList<>();
        SentParts sent = new SentParts(Map.of(), saves::add, now::get, NEVER);

        for (int part = 1; part <= 1000; part++) {
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(2));
            sent.record(part, "md5-" + part);
        }
        sent.flush();

        assertTrue(saves.size() <= 4, saves.size() + " saves");
        assertEquals(1000, saves.get(saves.size() - 1).size(), "the last save misses parts");
    }

    @Test
    void aFlushWithNothingNewSavesNothing() {
        List<Map<Integer, String>> saves = new ArrayList<>();
        SentParts sent = new SentParts(Map.of(1, "a"), saves::add, () -> 0, NEVER);

        sent.flush();

        assertEquals(List.of(), saves);
    }
}

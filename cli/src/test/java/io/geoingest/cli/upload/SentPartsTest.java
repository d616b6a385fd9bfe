package io.geoingest.cli.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The MD5s of the parts sent are saved at most about once a second, and once more when sending stops. */
class SentPartsTest {

    @Test
    void aThousandPartsSentWithinTwoSecondsAreSavedAFewTimesNotAThousand() {
        AtomicLong now = new AtomicLong();
        List<Map<Integer, String>> saves = new ArrayList<>();
        SentParts sent = new SentParts(Map.of(), saves::add, now::get);

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
        SentParts sent = new SentParts(Map.of(1, "a"), saves::add, () -> 0);

        sent.flush();

        assertEquals(List.of(), saves);
    }
}

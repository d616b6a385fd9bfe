package io.geoingest.common.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LongitudeSpansTest {

    /** Past a thousand spans they are binned: the box keeps the data's own edges, not a bin's. */
    @Test
    void manySpansGiveTheSameBoxAsFew() {
        LongitudeSpans many = new LongitudeSpans();
        for (int i = 0; i < 5_000; i++) {
            many.add(170.03 + i * 0.001, 170.03 + i * 0.001);
            many.add(-179.99 + i * 0.001, -179.99 + i * 0.001);
        }
        double lastEast = -179.99 + 4_999 * 0.001;
        LongitudeSpans few = new LongitudeSpans();
        few.add(170.03, 175.5);
        few.add(-179.99, lastEast);

        assertEquals(new LonLatBox(170.03, -1, lastEast, 1), many.box(-1, 1));
        assertEquals(many.box(-1, 1), few.box(-1, 1));
    }

    @Test
    void spansAddedFromAnotherAreKeptWhetherListedOrBinned() {
        LongitudeSpans binned = new LongitudeSpans();
        for (int i = 0; i < 2_000; i++) {
            binned.add(10 + i * 0.001, 10 + i * 0.001);
        }
        LongitudeSpans listed = new LongitudeSpans();
        listed.add(-20, -15);

        listed.addAll(binned);

        assertEquals(new LonLatBox(-20, 0, 11.999, 0), listed.box(0, 0));
    }
}

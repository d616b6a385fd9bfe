package io.geoingest.common.geo;

import java.util.Arrays;

/**
 * The longitudes covered by the parts of one or many geometries, for the smallest box around them
 * on a turning earth: the longitudes left out are the widest stretch no part covers, which may lie
 * anywhere, not only across the antimeridian. RFC 7946 (5.2) gives points on either side of it
 * around Fiji the box {@code [177, -20, -178, -16]}, not most of the world.
 *
 * <p>A few spans are listed as they are; many (a file of millions of features) are kept in bins of
 * a tenth of a degree, with the exact edges of the spans that start or end in each, so that memory
 * stays the same whatever their number and the edges of the box are those of the data.
 */
public final class LongitudeSpans {
    private static final int MAX_LISTED = 1024;
    private static final int BINS_PER_DEGREE = 10;
    private static final int BINS = 360 * BINS_PER_DEGREE;
    /** West and east of each listed span, one after the other. */
    private double[] listed = new double[8];
    private int listedCount;
    /** Once binned: at each bin, the number of spans that start there less those that ended just before. */
    private int[] startsLessEnds;
    private double[] westmostStart;
    private double[] eastmostEnd;
    private boolean empty = true;

    /** Adds the longitudes from {@code west} east to {@code east}, both within -180..180 (others are ignored). */
    public void add(double west, double east) {
        if (!(west >= -180 && east <= 180 && west <= east)) {
            return;
        }
        empty = false;
        if (startsLessEnds != null) {
            addToBins(west, east);
            return;
        }
        if (listedCount == listed.length) {
            if (listedCount / 2 >= MAX_LISTED) {
                bin();
                addToBins(west, east);
                return;
            }
            listed = Arrays.copyOf(listed, listed.length * 2);
        }
        listed[listedCount++] = west;
        listed[listedCount++] = east;
    }

    /** Adds every span of {@code other}. */
    public void addAll(LongitudeSpans other) {
        for (int i = 0; i < other.listedCount; i += 2) {
            add(other.listed[i], other.listed[i + 1]);
        }
        if (other.startsLessEnds == null) {
            return;
        }
        if (startsLessEnds == null) {
            bin();
        }
        for (int i = 0; i < BINS; i++) {
            startsLessEnds[i] += other.startsLessEnds[i];
            westmostStart[i] = Math.min(westmostStart[i], other.westmostStart[i]);
            eastmostEnd[i] = Math.max(eastmostEnd[i], other.eastmostEnd[i]);
        }
        startsLessEnds[BINS] += other.startsLessEnds[BINS];
        empty &= other.empty;
    }

    public boolean isEmpty() {
        return empty;
    }

    /**
     * The smallest box from {@code south} to {@code north} that holds every span: across the
     * antimeridian (west > east) when the widest stretch of longitudes no span covers lies
     * elsewhere; all longitudes when spans cover them all.
     *
     * @throws IllegalStateException when no span was added
     */
    public LonLatBox box(double south, double north) {
        if (empty) {
            throw new IllegalStateException("no longitudes to put a box around");
        }
        if (startsLessEnds == null) {
            bin();
        }
        boolean[] covered = new boolean[BINS];
        int open = 0;
        int firstCovered = -1;
        int lastCovered = -1;
        for (int i = 0; i < BINS; i++) {
            open += startsLessEnds[i];
            covered[i] = open > 0;
            if (covered[i]) {
                firstCovered = firstCovered < 0 ? i : firstCovered;
                lastCovered = i;
            }
        }
        // The stretch across the antimeridian, from the last covered bin round to the first, is
        // where a box that does not cross it ends; a wider stretch inside makes the box cross.
        int widestGap = BINS - 1 - lastCovered + firstCovered;
        int gapAfter = -1;
        int run = 0;
        for (int i = firstCovered; i <= lastCovered; i++) {
            if (covered[i]) {
                run = 0;
            } else if (++run > widestGap) {
                widestGap = run;
                gapAfter = i - run;
            }
        }
        if (gapAfter < 0) {
            return new LonLatBox(westmostStart[firstCovered], south, eastmostEnd[lastCovered], north);
        }
        return new LonLatBox(westmostStart[gapAfter + widestGap + 1], south, eastmostEnd[gapAfter], north);
    }

    /** Moves the listed spans into bins, where later spans go too. */
    private void bin() {
        startsLessEnds = new int[BINS + 1];
        westmostStart = new double[BINS];
        eastmostEnd = new double[BINS];
        Arrays.fill(westmostStart, Double.POSITIVE_INFINITY);
        Arrays.fill(eastmostEnd, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < listedCount; i += 2) {
            addToBins(listed[i], listed[i + 1]);
        }
        listed = new double[0];
        listedCount = 0;
    }

    private void addToBins(double west, double east) {
        int first = bin(west);
        int last = bin(east);
        startsLessEnds[first]++;
        startsLessEnds[last + 1]--;
        westmostStart[first] = Math.min(westmostStart[first], west);
        eastmostEnd[last] = Math.max(eastmostEnd[last], east);
    }

    private static int bin(double longitude) {
        return Math.min(BINS - 1, (int) Math.floor((longitude + 180) * BINS_PER_DEGREE));
    }
}

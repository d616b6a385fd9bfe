package io.geoingest.worker.format;

/**
 * The text of a KML or GML 2 {@code <coordinates>} element, read a segment at a time: tuples of
 * two or three numbers (longitude, latitude and height in KML; x, y and z in GML) apart by
 * commas, the tuples apart by white space. Writers put spaces after the commas at times
 * ({@code "7.44, 46.95"}), which Google Earth reads as one tuple, and so does this. Some put a
 * comma between tuples too ({@code "1,2,0, 3,4,0"}): after three numbers, which is all a tuple
 * holds, a comma and white space end it, as libkml reads them; after two they may as well come
 * before a height, which libkml takes them for, and so does this.
 */
final class CoordinateTuples {
    /** A number longer than this is no coordinate. */
    private static final int MAX_NUMBER = 64;
    private final GeometryScan.PositionListener positions;
    /** What the coordinates should be, for a refusal: "KML coordinates are longitude,latitude[,height] tuples". */
    private final String expected;
    private final StringBuilder number = new StringBuilder();
    private final double[] tuple = new double[3];
    private int values;
    /** White space was met after a value: the tuple ends, unless a comma comes next. */
    private boolean spaceAfterValue;
    private boolean afterComma;

    CoordinateTuples(GeometryScan.PositionListener positions, String expected) {
        this.positions = positions;
        this.expected = expected;
    }

    void add(char[] text, int start, int length) throws UnreadableFileException {
        for (int i = start; i < start + length; i++) {
            char c = text[i];
            if (Character.isWhitespace(c)) {
                endNumber();
                if (afterComma && values == tuple.length) {
                    endTuple();
                }
                spaceAfterValue = values > 0 && !afterComma;
            } else if (c == ',') {
                endNumber();
                spaceAfterValue = false;
                afterComma = true;
            } else {
                if (spaceAfterValue) {
                    endTuple();
                }
                if (number.length() == MAX_NUMBER) {
                    throw wrong("a coordinate of more than " + MAX_NUMBER + " characters");
                }
                number.append(c);
                afterComma = false;
            }
        }
    }

    /** The element ended: its last tuple is complete. */
    void finish() throws UnreadableFileException {
        endNumber();
        if (values > 0) {
            endTuple();
        }
    }

    private void endNumber() throws UnreadableFileException {
        if (number.isEmpty()) {
            return;
        }
        if (values == tuple.length) {
            throw wrong("a tuple of more than three numbers");
        }
        try {
            tuple[values++] = Double.parseDouble(number.toString());
        } catch (NumberFormatException notANumber) {
            throw wrong("\"" + number + "\", which is no number");
        }
        number.setLength(0);
    }

    private void endTuple() throws UnreadableFileException {
        if (values < 2) {
            throw wrong("a tuple of " + values + " number");
        }
        positions.position(tuple[0], tuple[1]);
        values = 0;
        spaceAfterValue = false;
        afterComma = false;
    }

    private UnreadableFileException wrong(String what) {
        return new UnreadableFileException(expected + " apart by spaces; these hold " + what);
    }
}

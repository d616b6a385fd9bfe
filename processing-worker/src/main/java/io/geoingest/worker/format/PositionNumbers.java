package io.geoingest.worker.format;

import java.util.OptionalInt;

/**
 * The text of a GML {@code pos} or {@code posList}, read a segment at a time: numbers apart by
 * white space, a position every {@code dimension} of them (two, or three with a height). A
 * {@code pos} of no known dimension is one position of as many numbers as it holds, two or three.
 */
final class PositionNumbers {
    /** A number longer than this is no coordinate. */
    private static final int MAX_NUMBER = 64;
    private final GeometryScan.PositionListener positions;
    private final OptionalInt dimension;
    private final StringBuilder number = new StringBuilder();
    private final double[] position = new double[3];
    private int values;

    /** @param dimension the numbers of a position; empty for a single position of two or three */
    PositionNumbers(GeometryScan.PositionListener positions, OptionalInt dimension) {
        this.positions = positions;
        this.dimension = dimension;
    }

    void add(char[] text, int start, int length) throws UnreadableFileException {
        for (int i = start; i < start + length; i++) {
            char c = text[i];
            if (Character.isWhitespace(c)) {
                endNumber();
            } else if (number.length() == MAX_NUMBER) {
                throw new UnreadableFileException("a GML position holds a number of more than " + MAX_NUMBER
                        + " characters");
            } else {
                number.append(c);
            }
        }
    }

    /** The element ended: its numbers must have made whole positions. */
    void finish(String element) throws UnreadableFileException {
        endNumber();
        if (dimension.isEmpty()) {
            if (values < 2) {
                throw new UnreadableFileException("a GML " + element + " holds " + values + " number, not the two or"
                        + " three of a position");
            }
            positions.position(position[0], position[1]);
        } else if (values != 0) {
            throw new UnreadableFileException("a GML " + element + " ends within a position: its numbers are not a"
                    + " multiple of its dimension, " + dimension.getAsInt());
        }
    }

    private void endNumber() throws UnreadableFileException {
        if (number.isEmpty()) {
            return;
        }
        if (values == position.length) {
            throw new UnreadableFileException("a GML position of no srsDimension holds more than three numbers");
        }
        try {
            position[values++] = Double.parseDouble(number.toString());
        } catch (NumberFormatException notANumber) {
            throw new UnreadableFileException("a GML position holds \"" + number + "\", which is no number");
        }
        number.setLength(0);
        if (dimension.isPresent() && values == dimension.getAsInt()) {
            positions.position(position[0], position[1]);
            values = 0;
        }
    }
}

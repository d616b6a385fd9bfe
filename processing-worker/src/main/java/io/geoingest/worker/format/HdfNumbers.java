package io.geoingest.worker.format;

import java.lang.reflect.Array;

/**
 * The numbers jHDF reads from a dataset or attribute, whatever their type and rank: a number, an
 * array of numbers (double[], float[], int[], short[]...), or arrays of such arrays, in order.
 * Anything else counts as NaN.
 */
final class HdfNumbers {
    private HdfNumbers() {
    }

    static double[] of(Object data) {
        if (data instanceof Number number) {
            return new double[] {number.doubleValue()};
        }
        if (data == null || !data.getClass().isArray()) {
            return new double[0];
        }
        double[] values = new double[count(data)];
        flatten(data, values, 0);
        return values;
    }

    private static int count(Object array) {
        int length = Array.getLength(array);
        if (length == 0 || !array.getClass().getComponentType().isArray()) {
            return length;
        }
        int count = 0;
        for (int i = 0; i < length; i++) {
            count += count(Array.get(array, i));
        }
        return count;
    }

    /** Copies the numbers of a (nested) array in order; returns where the next goes. */
    private static int flatten(Object array, double[] into, int at) {
        int length = Array.getLength(array);
        for (int i = 0; i < length; i++) {
            Object item = Array.get(array, i);
            if (item != null && item.getClass().isArray()) {
                at = flatten(item, into, at);
            } else {
                into[at++] = item instanceof Number number ? number.doubleValue() : Double.NaN;
            }
        }
        return at;
    }
}

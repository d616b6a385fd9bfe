package io.geoingest.worker.format;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The header of a classic NetCDF file (CDF-1, CDF-2 or CDF-5), as the NetCDF "classic format
 * specification" lays it out: dimensions, attributes and variables, each variable with the offset
 * of its data. No maintained pure-Java reader of it is published on Maven Central (Unidata's
 * netCDF-Java is published in its own repository only), and the header is a short, fixed grammar.
 * Every element the header counts takes bytes of it, so a count a damaged file declares ends at
 * the end of the file, not in an allocation.
 *
 * @param version      1, 2 or 5
 * @param records      the records the header counts, or -1 while the file is being written (streaming)
 * @param dimensions   each dimension's length by name; the record dimension has length 0
 * @param variables    the first {@value #LISTED} variables, in the header's order
 * @param variableCount all of them
 * @param dataEnd      the byte where the last variable's data ends
 * @param coordinates  the variables of one dimension named as it (CF's coordinate variables)
 * @param grids        the variables of two or more dimensions (besides the records) whose text
 *                     attributes may say latitude or longitude: a position per pixel
 * @param gridMapping  the CRS of the first grid mapping variable whose CRS is known
 */
record ClassicNetCdf(int version, long records, Map<String, Long> dimensions, List<Variable> variables,
        long variableCount, long dataEnd, List<Coordinate> coordinates, List<Grid> grids,
        Optional<GridMapping> gridMapping) {
    /** Variables kept; files with thousands of them exist. */
    static final int LISTED = 100;
    /**
     * Dimensions a file may have: netCDF's own limit is 1,024 by default. Their names are looked
     * up by number, so a damaged count would otherwise fill the heap with names.
     */
    private static final int MAX_DIMENSIONS = 65_536;
    /**
     * netCDF-C's NC_MAX_NAME, in bytes. A name's length is read before its bytes, so a damaged one
     * would otherwise take an array of up to the file's size (or, from 2 GiB on, a negative one).
     */
    private static final int MAX_NAME = 256;
    private static final int NC_DIMENSION = 0x0A;
    private static final int NC_VARIABLE = 0x0B;
    private static final int NC_ATTRIBUTE = 0x0C;
    private static final long STREAMING = 0xFFFFFFFFL;
    /**
     * By nc_type (1 to 11): the type's name, as NetCDF-4 variables are named (Java's names) where
     * Java has the type, else as NetCDF names it; and its bytes.
     */
    private static final String[] TYPE_NAMES = {null, "byte", "char", "short", "int", "float", "double", "ubyte",
        "ushort", "uint", "long", "ulong"};
    private static final int[] TYPE_BYTES = {0, 1, 1, 2, 4, 4, 8, 1, 2, 4, 8, 8};
    private static final int NC_CHAR = 2;
    /** Text attributes kept of a coordinate variable (units, a calendar): a longer one is none of those. */
    private static final long MAX_TEXT_ATTRIBUTE = 1024;

    /**
     * @param shape      the length of each of its dimensions, the record dimension counted as the records
     * @param dimensions the names of its dimensions, in the order of {@code shape}
     * @param attributes its text attributes ({@code units}, {@code long_name}...)
     */
    record Variable(String name, long[] shape, String dataType, List<String> dimensions, Map<String, String> attributes) {
    }

    /**
     * A coordinate variable and where its values lie: the first at {@code begin}, each next one
     * {@code stride} bytes further (a record variable's values lie a record apart).
     *
     * @param type       its nc_type (1 to 11)
     * @param attributes its text attributes
     */
    record Coordinate(String name, int type, long begin, long length, long stride, Map<String, String> attributes) {
        /** The bytes of one value. */
        int valueBytes() {
            return TYPE_BYTES[type];
        }
    }

    /**
     * A variable of two or more dimensions and where its values lie: from {@code begin}, side by
     * side, row after row (a record variable's first record only).
     *
     * @param shape      its dimensions but the record one
     * @param attributes its text attributes
     * @param numbers    its numeric attributes that say how values are packed and marked
     * @param floatScale whether its scale_factor is a float
     */
    record Grid(String name, int type, long begin, int[] shape, Map<String, String> attributes,
            Map<String, double[]> numbers, boolean floatScale) {
        int valueBytes() {
            return TYPE_BYTES[type];
        }
    }

    /**
     * The attributes of a variable: text ones, and the numeric ones CF packs and marks values with.
     *
     * @param floatScale whether its scale_factor is a float (which unpacks in float)
     */
    private record Attributes(Map<String, String> text, Map<String, double[]> numbers, boolean floatScale) {
    }

    /** Numeric attributes kept, each of at most two values. */
    private static final Set<String> PACKING = Set.of("scale_factor", "add_offset", "_FillValue", "missing_value",
            "valid_min", "valid_max", "valid_range");
    private static final int NC_FLOAT = 5;

    /** A value of nc_type {@code type}, big-endian as the format stores it; NaN for one that is no number. */
    static double value(ByteBuffer value, int type) {
        return switch (type) {
            case 1 -> value.get();
            case 3 -> value.getShort();
            case 4 -> value.getInt();
            case 5 -> value.getFloat();
            case 6 -> value.getDouble();
            case 7 -> Byte.toUnsignedInt(value.get());
            case 8 -> Short.toUnsignedInt(value.getShort());
            case 9 -> Integer.toUnsignedLong(value.getInt());
            case 10, 11 -> value.getLong();
            default -> Double.NaN;
        };
    }

    /** Thrown when the header breaks the specification's grammar. */
    static final class DamagedHeader extends Exception {
        DamagedHeader(String message) {
            super(message);
        }
    }

    /**
     * @throws EOFException  when the file ends inside its header
     * @throws DamagedHeader when the header breaks the format's grammar
     */
    static ClassicNetCdf read(FileChannel file) throws IOException, DamagedHeader {
        // not closed: closing the stream would close the caller's channel
        InputStream stream = new BufferedInputStream(Channels.newInputStream(file.position(0)));
        return new Parser(new DataInputStream(stream), file.size()).header();
    }

    /** Reads the header once, front to back. */
    private static final class Parser {
        private final DataInputStream in;
        private final long fileSize;
        private long position;
        private int version;

        Parser(DataInputStream in, long fileSize) {
            this.in = in;
            this.fileSize = fileSize;
        }

        ClassicNetCdf header() throws IOException, DamagedHeader {
            byte[] magic = bytes(4);
            version = magic[3];
            long records = version == 5 ? longValue() : Integer.toUnsignedLong(intValue());
            if (records == STREAMING || (version == 5 && records == -1)) {
                records = -1;
            }
            Map<String, Long> dimensions = new LinkedHashMap<>();
            List<String> dimensionNames = new ArrayList<>();
            long count = list(NC_DIMENSION, "dimension");
            if (count > MAX_DIMENSIONS) {
                throw new DamagedHeader("it declares " + count + " dimensions, more than " + MAX_DIMENSIONS);
            }
            for (long i = 0; i < count; i++) {
                String name = name();
                long length = size();
                dimensions.put(name, length);
                dimensionNames.add(name);
            }
            attributes();
            count = list(NC_VARIABLE, "variable");
            List<Variable> variables = new ArrayList<>();
            // Where the data ends: each fixed variable at its begin and size; record variables' last
            // record, records lying one record's size apart: the sum of their sizes as the header
            // gives them (padded), or the unpadded size of a single record variable.
            long fixedEnd = 0;
            long recordVariables = 0;
            long recordSize = 0;
            long firstRecordEnd = 0;
            long lastRecordBytes = 0;
            List<Coordinate> coordinates = new ArrayList<>();
            List<Boolean> recordCoordinates = new ArrayList<>();
            List<Grid> grids = new ArrayList<>();
            Optional<GridMapping> gridMapping = Optional.empty();
            for (long i = 0; i < count; i++) {
                String name = name();
                long rank = size();
                if (rank > MAX_DIMENSIONS) {
                    throw new DamagedHeader("variable \"" + name + "\" declares " + rank + " dimensions");
                }
                List<Long> shape = new ArrayList<>();
                List<String> named = new ArrayList<>();
                String firstDimension = null;
                boolean record = false;
                long bytes = 1;
                for (long d = 0; d < rank; d++) {
                    long id = size();
                    if (id >= dimensionNames.size()) {
                        throw new DamagedHeader("variable \"" + name + "\" names dimension " + id + " of "
                                + dimensionNames.size());
                    }
                    long length = dimensions.get(dimensionNames.get((int) id));
                    named.add(dimensionNames.get((int) id));
                    firstDimension = d == 0 ? dimensionNames.get((int) id) : firstDimension;
                    record |= d == 0 && length == 0;
                    shape.add(d == 0 && length == 0 ? Math.max(records, 0) : length);
                    bytes = d == 0 && length == 0 ? bytes : multiply(bytes, length);
                }
                Attributes attributes = attributes();
                gridMapping = gridMapping.or(() -> GridMapping.of(attributes.text(), attributes.numbers()));
                int type = intValue();
                if (type < 1 || type >= TYPE_NAMES.length || (type > 6 && version != 5)) {
                    throw new DamagedHeader("variable \"" + name + "\" has type " + type + ", which the format has not");
                }
                long vsize = size();
                long begin = version == 1 ? Integer.toUnsignedLong(intValue()) : longValue();
                if (variables.size() < LISTED) {
                    variables.add(new Variable(name, shape.stream().mapToLong(Long::longValue).toArray(),
                            TYPE_NAMES[type], List.copyOf(named), attributes.text()));
                }
                if (rank == 1 && name.equals(firstDimension) && type != NC_CHAR) {
                    coordinates.add(new Coordinate(name, type, begin, shape.get(0), TYPE_BYTES[type], attributes.text()));
                    recordCoordinates.add(record);
                }
                List<Long> pixelShape = record ? shape.subList(1, shape.size()) : shape;
                if (pixelShape.size() >= 2 && type != NC_CHAR && CfCoordinates.axis(attributes.text()).isPresent()
                        && pixelShape.stream().allMatch(length -> length > 0 && length <= Integer.MAX_VALUE)) {
                    grids.add(new Grid(name, type, begin, pixelShape.stream().mapToInt(Long::intValue).toArray(),
                            attributes.text(), attributes.numbers(), attributes.floatScale()));
                }
                long dataBytes = multiply(bytes, TYPE_BYTES[type]);
                if (record) {
                    recordVariables++;
                    recordSize = add(recordSize, vsize);
                    firstRecordEnd = Math.max(firstRecordEnd, add(begin, dataBytes));
                    lastRecordBytes = dataBytes;
                } else {
                    fixedEnd = Math.max(fixedEnd, add(begin, dataBytes));
                }
            }
            if (recordVariables == 1) {
                recordSize = lastRecordBytes;
            }
            long dataEnd = records > 0 ? Math.max(fixedEnd, add(firstRecordEnd, multiply(records - 1, recordSize)))
                    : fixedEnd;
            for (Map.Entry<String, Long> dimension : dimensions.entrySet()) {
                if (dimension.getValue() == 0) {
                    dimension.setValue(Math.max(records, 0));
                }
            }
            for (int i = 0; i < coordinates.size(); i++) {
                if (recordCoordinates.get(i)) {
                    Coordinate each = coordinates.get(i);
                    coordinates.set(i, new Coordinate(each.name(), each.type(), each.begin(), each.length(), recordSize,
                            each.attributes()));
                }
            }
            return new ClassicNetCdf(version, records, dimensions, variables, count, dataEnd, List.copyOf(coordinates),
                    List.copyOf(grids), gridMapping);
        }

        /** A list's tag and count: ABSENT (two zeros) is an empty list. */
        private long list(int tag, String what) throws IOException, DamagedHeader {
            int found = intValue();
            long count = size();
            if (found == 0 && count == 0) {
                return 0;
            }
            if (found != tag) {
                throw new DamagedHeader("where its " + what + " list starts, the tag is " + found + ", not " + tag);
            }
            return count;
        }

        /**
         * An attribute list, of which the text attributes of up to {@value #MAX_TEXT_ATTRIBUTE} bytes
         * are kept, and the numeric ones that pack and mark values or are a grid mapping's parameters.
         */
        private Attributes attributes() throws IOException, DamagedHeader {
            Map<String, String> text = new LinkedHashMap<>();
            Map<String, double[]> numbers = new LinkedHashMap<>();
            boolean floatScale = false;
            long count = list(NC_ATTRIBUTE, "attribute");
            for (long i = 0; i < count; i++) {
                String name = name();
                int type = intValue();
                if (type < 1 || type >= TYPE_NAMES.length) {
                    throw new DamagedHeader("attribute \"" + name + "\" has type " + type + ", which the format has not");
                }
                long length = size();
                long longest = GridMapping.WKT_ATTRIBUTES.contains(name) ? GridMapping.MAX_WKT : MAX_TEXT_ATTRIBUTE;
                if (type == NC_CHAR && length <= longest && length <= remaining()) {
                    text.put(name, new String(bytes((int) length), StandardCharsets.UTF_8).replace("\0", ""));
                    skip(padded(length) - length);
                } else if (type != NC_CHAR && (PACKING.contains(name) || GridMapping.PARAMETERS.contains(name))
                        && length >= 1 && length <= 2) {
                    byte[] values = bytes((int) length * TYPE_BYTES[type]);
                    numbers.put(name, numbers(ByteBuffer.wrap(values), type, (int) length));
                    floatScale |= name.equals("scale_factor") && type == NC_FLOAT;
                    skip(padded(values.length) - values.length);
                } else {
                    skip(padded(multiply(length, TYPE_BYTES[type])));
                }
            }
            return new Attributes(text, numbers, floatScale);
        }

        private static double[] numbers(ByteBuffer values, int type, int length) {
            double[] numbers = new double[length];
            for (int i = 0; i < length; i++) {
                numbers[i] = value(values, type);
            }
            return numbers;
        }

        private String name() throws IOException, DamagedHeader {
            long length = size();
            if (length == 0) {
                throw new DamagedHeader("a name is empty");
            }
            if (length > MAX_NAME) {
                throw new DamagedHeader("a name of " + length + " bytes is longer than the " + MAX_NAME
                        + " NetCDF allows");
            }
            if (length > remaining()) {
                throw new EOFException("a name of " + length + " bytes");
            }
            String name = new String(bytes((int) length), StandardCharsets.UTF_8);
            skip(padded(length) - length);
            return name;
        }

        /** NON_NEG: 32 bits, 64 in CDF-5. */
        private long size() throws IOException, DamagedHeader {
            long value = version == 5 ? longValue() : Integer.toUnsignedLong(intValue());
            if (value < 0) {
                throw new DamagedHeader("a count or size is negative");
            }
            return value;
        }

        private int intValue() throws IOException {
            position += 4;
            return in.readInt();
        }

        private long longValue() throws IOException {
            position += 8;
            return in.readLong();
        }

        private byte[] bytes(int count) throws IOException {
            byte[] bytes = new byte[count];
            in.readFully(bytes);
            position += count;
            return bytes;
        }

        private void skip(long count) throws IOException {
            if (count > remaining()) {
                throw new EOFException("values of " + count + " bytes");
            }
            in.skipNBytes(count);
            position += count;
        }

        private long remaining() {
            return fileSize - position;
        }

        private static long padded(long bytes) {
            return add(bytes, 3) & ~3L;
        }

        private static long multiply(long a, long b) {
            try {
                return Math.multiplyExact(a, b);
            } catch (ArithmeticException overflow) {
                return Long.MAX_VALUE;
            }
        }

        private static long add(long a, long b) {
            try {
                return Math.addExact(a, b);
            } catch (ArithmeticException overflow) {
                return Long.MAX_VALUE;
            }
        }
    }
}

package io.geoingest.upload.multipart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.commons.fileupload.ParameterParser;

/**
 * Reads the parts of a multipart body one after the other as the body arrives, each part's
 * content as a stream of its own. The delimiter is found with Boyer-Moore-Horspool, which looks
 * at about one byte in forty of a file's content: a byte-by-byte scan (as in Commons FileUpload
 * and Quarkus REST) costs more than storing the bytes.
 */
final class PartReader {
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final int BUFFER_SIZE = 256 * 1024;
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    /** What clients put after the last delimiter: two dashes and a CRLF. */
    private static final int CLOSE_BYTES = 4;

    private final InputStream in;
    /** CRLF, two dashes and the boundary: what ends every part. */
    private final byte[] delimiter;
    private final int[] shifts = new int[256];
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int position;
    private int limit;
    private boolean endOfInput;
    private long bytesRead;
    /** No delimiter starts in [position, searchedUntil): what an earlier search already ruled out. */
    private int searchedUntil;
    private boolean started;
    private boolean partOpen;
    private boolean finished;

    PartReader(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        Arrays.fill(shifts, delimiter.length);
        for (int i = 0; i < delimiter.length - 1; i++) {
            shifts[delimiter[i] & 0xff] = delimiter.length - 1 - i;
        }
        // The first delimiter may start the body without the CRLF before it.
        buffer[0] = CR;
        buffer[1] = LF;
        limit = 2;
    }

    /**
     * The length of the current part's content if the part is the last of a body of
     * {@code bodyLength} bytes, closed as curl and most clients close one (a CRLF after the last
     * delimiter): empty when the body cannot hold that much more.
     */
    OptionalLong contentLengthIfLast(long bodyLength) {
        long bodyOffset = bytesRead - (limit - position);
        long length = bodyLength - bodyOffset - delimiter.length - CLOSE_BYTES;
        return length >= 0 ? OptionalLong.of(length) : OptionalLong.empty();
    }

    /** Moves to the next part, skipping what is left of the current one; empty after the last. */
    Optional<PartHeaders> next() throws IOException {
        if (finished) {
            return Optional.empty();
        }
        if (!started) {
            started = true;
            skipToDelimiter();
        } else if (partOpen) {
            skipToDelimiter();
        }
        partOpen = false;
        require(2);
        if (buffer[position] == '-' && buffer[position + 1] == '-') {
            finished = true;
            return Optional.empty();
        }
        skipLineEnd();
        PartHeaders headers = readHeaders();
        partOpen = true;
        return Optional.of(headers);
    }

    /** The current part's content: it ends where the part does. */
    InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] target, int offset, int length) throws IOException {
                return readContent(target, offset, length);
            }
        };
    }

    private int readContent(byte[] target, int offset, int length) throws IOException {
        if (!partOpen) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        while (true) {
            int found = findDelimiter();
            int available = (found >= 0 ? found : limit - delimiter.length + 1) - position;
            if (found == position) {
                position += delimiter.length;
                searchedUntil = position;
                partOpen = false;
                return -1;
            }
            if (available > 0) {
                int count = Math.min(available, length);
                System.arraycopy(buffer, position, target, offset, count);
                position += count;
                return count;
            }
            if (!fill()) {
                throw new MalformedMultipartException("the body ends inside a part");
            }
        }
    }

    private void skipToDelimiter() throws IOException {
        while (true) {
            int found = findDelimiter();
            if (found >= 0) {
                position = found + delimiter.length;
                searchedUntil = position;
                return;
            }
            position = Math.max(position, limit - delimiter.length + 1);
            if (!fill()) {
                throw new MalformedMultipartException("the body ends before its closing boundary");
            }
        }
    }

    /** Where the next delimiter starts in the buffer, or -1 if it does not (yet) hold one. */
    private int findDelimiter() {
        int last = delimiter.length - 1;
        int at = Math.max(position, searchedUntil);
        while (at + last < limit) {
            int i = last;
            while (buffer[at + i] == delimiter[i]) {
                if (i == 0) {
                    return at;
                }
                i--;
            }
            at += shifts[buffer[at + last] & 0xff];
        }
        searchedUntil = at;
        return -1;
    }

    private PartHeaders readHeaders() throws IOException {
        String name = null;
        Optional<String> fileName = Optional.empty();
        int headerBytes = 0;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            headerBytes += line.length();
            if (headerBytes > MAX_HEADER_BYTES) {
                throw new MalformedMultipartException("the headers of a part are too long");
            }
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Disposition")) {
                ParameterParser parser = new ParameterParser();
                parser.setLowerCaseNames(true);
                Map<String, String> parameters = parser.parse(line.substring(colon + 1), ';');
                name = parameters.get("name");
                fileName = parameters.containsKey("filename")
                        ? Optional.of(Optional.ofNullable(parameters.get("filename")).orElse(""))
                        : Optional.empty();
            }
        }
        if (name == null) {
            throw new MalformedMultipartException("a part has no Content-Disposition with a field name");
        }
        return new PartHeaders(name, fileName);
    }

    private String readLine() throws IOException {
        int start = position;
        int at = position;
        while (true) {
            while (at + 1 < limit) {
                if (buffer[at] == CR && buffer[at + 1] == LF) {
                    String line = new String(buffer, start, at - start, StandardCharsets.UTF_8);
                    position = at + 2;
                    searchedUntil = position;
                    return line;
                }
                at++;
            }
            if (at - start > MAX_HEADER_BYTES) {
                throw new MalformedMultipartException("the headers of a part are too long");
            }
            int moved = position;
            if (!fill()) {
                throw new MalformedMultipartException("the body ends inside the headers of a part");
            }
            int shift = moved - position;
            start -= shift;
            at -= shift;
        }
    }

    /** After a delimiter: optional spaces, then CRLF. */
    private void skipLineEnd() throws IOException {
        while (true) {
            require(1);
            if (buffer[position] == ' ' || buffer[position] == '\t') {
                position++;
            } else {
                break;
            }
        }
        require(2);
        if (buffer[position] != CR || buffer[position + 1] != LF) {
            throw new MalformedMultipartException("a boundary is not followed by a line end");
        }
        position += 2;
        searchedUntil = position;
    }

    private void require(int bytes) throws IOException {
        while (limit - position < bytes) {
            if (!fill()) {
                throw new MalformedMultipartException("the body ends before its closing boundary");
            }
        }
    }

    /** Moves the unread bytes to the front and reads more after them; false at the end of the input. */
    private boolean fill() throws IOException {
        if (endOfInput) {
            return false;
        }
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            searchedUntil = Math.max(0, searchedUntil - position);
            position = 0;
        }
        if (limit == buffer.length) {
            throw new MalformedMultipartException("a part's headers do not fit in the read buffer");
        }
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
            endOfInput = true;
            return false;
        }
        limit += read;
        bytesRead += read;
        return true;
    }
}

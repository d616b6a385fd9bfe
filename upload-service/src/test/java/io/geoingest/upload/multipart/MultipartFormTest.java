package io.geoingest.upload.multipart;

import io.geoingest.common.error.FileApiProblem;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


class MultipartFormTest {
    private static final String BOUNDARY = "------------------------d74496d66958873e";
    private static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;
    private static final OptionalLong UNKNOWN = OptionalLong.empty();

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 100, 4096, 262_143, 262_144, 700_001})
    void fileBytesComeOutExactlyWhateverTheirSizeAndHowTheBodyArrives(int size) {
        byte[] content = trickyBytes(size, size);
        byte[] body = form(part("sourceType", "GEOTIFF"), filePart("scene.tif", content), part("fileSize", "" + size));

        Collected collected = new Collected();
        FormContent<byte[]> form = MultipartForm.read(CONTENT_TYPE, UNKNOWN, trickle(body, size), collected);

        assertArrayEquals(content, form.file().orElseThrow());
        assertEquals("GEOTIFF", form.field("sourceType"));
        assertEquals("" + size, form.field("fileSize"));
        assertEquals(List.of("scene.tif"), collected.names);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, 300_000})
    void theBodysLengthTellsTheLengthOfAFileSentLast(int size) {
        byte[] body = form(part("sourceType", "SAR"), filePart("scene.sar", trickyBytes(size, 3)));

        Collected collected = new Collected();
        MultipartForm.read(CONTENT_TYPE, OptionalLong.of(body.length), trickle(body, 3), collected);

        assertEquals(List.of(OptionalLong.of(size)), collected.lengthsIfLast);
    }

    @Test
    void aFileFollowedByFieldsIsReadWhole() {
        byte[] content = trickyBytes(10_000, 4);
        byte[] body = form(filePart("scene.sar", content), part("sourceType", "SAR"));

        Collected collected = new Collected();
        FormContent<byte[]> form = MultipartForm.read(CONTENT_TYPE, OptionalLong.of(body.length), trickle(body, 4), collected);

        assertArrayEquals(content, form.file().orElseThrow());
        assertTrue(collected.lengthsIfLast.get(0).orElseThrow() > content.length);
    }

    @Test
    void anEmptyFileIsAnEmptyPart() {
        FormContent<byte[]> form = MultipartForm.read(CONTENT_TYPE, UNKNOWN,
                new ByteArrayInputStream(form(filePart("empty.bin", new byte[0]))), new Collected());

        assertEquals(0, form.file().orElseThrow().length);
    }

    @Test
    void textBeforeTheFirstBoundaryAndAfterTheLastIsIgnored() {
        byte[] body = concat("This is a preamble.\r\n".getBytes(StandardCharsets.US_ASCII),
                form(filePart("a.txt", "hello".getBytes(StandardCharsets.UTF_8))),
                "epilogue".getBytes(StandardCharsets.US_ASCII));

        FormContent<byte[]> form = MultipartForm.read(CONTENT_TYPE, UNKNOWN, new ByteArrayInputStream(body), new Collected());

        assertEquals("hello", new String(form.file().orElseThrow(), StandardCharsets.UTF_8));
    }

    @Test
    void aFormWithoutAFileHasOnlyFields() {
        FormContent<byte[]> form = MultipartForm.read(CONTENT_TYPE, UNKNOWN,
                new ByteArrayInputStream(form(part("uploadId", "abc"))), new Collected());

        assertTrue(form.file().isEmpty());
        assertEquals("abc", form.field("uploadId"));
    }

    @Test
    void aBodyCutOffInsideTheFileIsABadRequestAndWhatWasStoredIsDiscarded() {
        byte[] body = form(filePart("cut.bin", trickyBytes(500_000, 7)));
        byte[] cut = Arrays.copyOf(body, body.length - 100);

        Collected collected = new Collected();
        FileApiProblem problem = assertThrows(FileApiProblem.class,
                () -> MultipartForm.read(CONTENT_TYPE, UNKNOWN, new ByteArrayInputStream(cut), collected));

        assertEquals(Response.Status.BAD_REQUEST, problem.status());
        assertTrue(problem.getMessage().contains("ends inside a part"), problem.getMessage());
    }

    @Test
    void aSecondFileIsRefusedAndTheFirstDiscarded() {
        byte[] body = form(filePart("a.bin", new byte[] {1}), filePart("b.bin", new byte[] {2}));

        Collected collected = new Collected();
        FileApiProblem problem = assertThrows(FileApiProblem.class,
                () -> MultipartForm.read(CONTENT_TYPE, UNKNOWN, new ByteArrayInputStream(body), collected));

        assertEquals("Bad Request: send one file per request", problem.getMessage());
        assertEquals(1, collected.discarded);
    }

    @Test
    void aContentTypeWithoutBoundaryIsABadRequest() {
        FileApiProblem problem = assertThrows(FileApiProblem.class,
                () -> MultipartForm.read("multipart/form-data", UNKNOWN, new ByteArrayInputStream(new byte[0]), new Collected()));

        assertEquals(Response.Status.BAD_REQUEST, problem.status());
        assertTrue(problem.getMessage().contains("boundary"), problem.getMessage());
    }

    /** Random bytes sprinkled with line ends, dashes and pieces of the boundary, which must not end the part. */
    private static byte[] trickyBytes(int size, long seed) {
        Random random = new Random(seed);
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        byte[] almost = ("\r\n--" + BOUNDARY.substring(0, BOUNDARY.length() - 1)).getBytes(StandardCharsets.US_ASCII);
        for (int at = random.nextInt(1000); at + almost.length < size; at += 1 + random.nextInt(5000)) {
            int length = random.nextInt(almost.length) + 1;
            System.arraycopy(almost, 0, bytes, at, length);
            bytes[at + length] = 'x';
        }
        return bytes;
    }

    private static byte[] part(String name, String value) {
        return concat(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] filePart(String fileName, byte[] content) {
        return concat(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8),
                content, "\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] form(byte[]... parts) {
        return concat(concat(parts), ("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] concat(byte[]... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] piece : pieces) {
            out.writeBytes(piece);
        }
        return out.toByteArray();
    }

    /** Hands the body out in reads of random small sizes, as a network would. */
    private static InputStream trickle(byte[] body, long seed) {
        Random random = new Random(seed);
        return new FilterInputStream(new ByteArrayInputStream(body)) {
            @Override
            public int read(byte[] target, int offset, int length) throws IOException {
                return super.read(target, offset, Math.min(length, 1 + random.nextInt(70_000)));
            }
        };
    }

    private static final class Collected implements FilePart<byte[]> {
        final List<String> names = new ArrayList<>();
        final List<OptionalLong> lengthsIfLast = new ArrayList<>();
        int discarded;

        @Override
        public byte[] store(Optional<String> fileName, InputStream content, OptionalLong lengthIfLast) throws IOException {
            fileName.ifPresent(names::add);
            lengthsIfLast.add(lengthIfLast);
            return content.readAllBytes();
        }

        @Override
        public void discard(byte[] stored) {
            discarded++;
        }
    }
}

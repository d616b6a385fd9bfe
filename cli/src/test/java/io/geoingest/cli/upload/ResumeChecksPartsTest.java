package io.geoingest.cli.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.cli.CommandRun;
import io.geoingest.cli.ExitCode;
import io.geoingest.cli.LocalServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file rewritten in place between two runs may keep its size and time: a resumed upload checks
 * the parts on the server against the file, and sends again those that differ. A state saved by an
 * older client keeps no MD5s to check them by: its parts are taken as they are, as that client did.
 */
class ResumeChecksPartsTest {
    private static final Pattern PART_NUMBER = Pattern.compile("name=\"partNumber\"\r\n\r\n(\\d+)\r\n");
    private static final String[] UPLOAD = {"upload", "a.bin", "--chunk-size", "1KiB", "--parallel", "2", "--direct-limit",
        "1KiB", "--no-wait"};

    @TempDir
    Path work;

    private final byte[] content = new byte[3000];
    private final AtomicBoolean thirdPartFails = new AtomicBoolean(true);
    private final List<Integer> sent = new CopyOnWriteArrayList<>();

    @Test
    void aPartRewrittenSinceItWasSentGoesAgainOnResume() throws IOException {
        try (LocalServer server = server()) {
            Path file = firstRunStopsAtPartThree(server);

            rewriteFirstPartInPlace(file);
            CommandRun resumed = CommandRun.of(server.url(), work, UPLOAD);

            assertEquals(ExitCode.OK, resumed.exitCode(), resumed.err());
            assertEquals("f-1", resumed.out().strip());
            assertEquals(List.of(1, 3), sent.stream().sorted().toList(), "the rewritten part goes again, the other not");
            assertTrue(resumed.err().startsWith("Resuming the upload of a.bin: checking the 2 parts already sent (2.0 KiB)"
                    + " against the file\nResuming the upload of a.bin: 1 of 3 parts are on the server already; 1 more"
                    + " there differ from the file now, or were not recorded, and go again"), resumed.err());
        }
    }

    @Test
    void aStateOfAnOlderClientKeepsThePartsOnTheServerUncheckedSayingSo() throws IOException {
        try (LocalServer server = server()) {
            Path file = firstRunStopsAtPartThree(server);
            Path state = stateFile();
            ObjectNode older = (ObjectNode) new ObjectMapper().readTree(state.toFile());
            older.remove("sentParts");
            Files.writeString(state, older.toString());

            rewriteFirstPartInPlace(file);
            CommandRun resumed = CommandRun.of(server.url(), work, UPLOAD);

            assertEquals(ExitCode.OK, resumed.exitCode(), resumed.err());
            assertEquals(List.of(3), sent, "parts on the server went again");
            assertTrue(resumed.err().startsWith("Resuming the upload of a.bin: it was started by an older client, which kept"
                    + " no checksums, so the 2 parts on the server are not checked against the file\n"), resumed.err());
        }
    }

    @Test
    void aStateThatRecordedNoPartSendsThePartsOnTheServerAgain() throws IOException {
        try (LocalServer server = server()) {
            firstRunStopsAtPartThree(server);
            Path state = stateFile();
            ObjectNode none = (ObjectNode) new ObjectMapper().readTree(state.toFile());
            none.putObject("sentParts");
            Files.writeString(state, none.toString());

            thirdPartFails.set(false);
            sent.clear();
            CommandRun resumed = CommandRun.of(server.url(), work, UPLOAD);

            assertEquals(ExitCode.OK, resumed.exitCode(), resumed.err());
            assertEquals(List.of(1, 2, 3), sent.stream().sorted().toList());
        }
    }

    /** The server has parts 1 and 2 of the 3 of a.bin; part 3 fails until {@link #thirdPartFails} is cleared. */
    private LocalServer server() {
        return new LocalServer()
                .on("/public/file/generateUploadId", LocalServer.json(200, "{\"uploadId\": \"u-1\", \"key\": \"k-1\"}"))
                .on("/public/file/upload/u-1/parts", LocalServer.json(200, "{\"uploadId\": \"u-1\", \"key\": \"k-1\","
                        + " \"status\": \"in-progress\", \"parts\": [{\"partNumber\": 1, \"size\": 1024},"
                        + " {\"partNumber\": 2, \"size\": 1024}]}"))
                .on("/public/file/uploadChunk", exchange -> {
                    Matcher number = PART_NUMBER.matcher(new String(exchange.getRequestBody().readAllBytes(),
                            StandardCharsets.ISO_8859_1));
                    assertTrue(number.find());
                    int part = Integer.parseInt(number.group(1));
                    if (part == 3 && thirdPartFails.get()) {
                        LocalServer.answer(exchange, 400, "{\"error\": \"not this time\"}");
                        return;
                    }
                    sent.add(part);
                    LocalServer.answer(exchange, 200, "{}");
                })
                .on("/public/file/completeUpload", exchange -> {
                    exchange.getRequestBody().readAllBytes();
                    LocalServer.answer(exchange, 200, "{\"fileId\": \"f-1\", \"originalName\": \"a.bin\", \"size\": 3000}");
                });
    }

    private Path firstRunStopsAtPartThree(LocalServer server) throws IOException {
        Path file = Files.write(work.resolve("a.bin"), content);
        CommandRun interrupted = CommandRun.of(server.url(), work, UPLOAD);
        assertEquals(ExitCode.FAILURE, interrupted.exitCode(), interrupted.err());
        assertEquals(List.of(1, 2), sent.stream().sorted().toList());
        return file;
    }

    /** Other bytes in part 1, with the file's size and time as they were; part 3 goes through now. */
    private void rewriteFirstPartInPlace(Path file) throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        Arrays.fill(content, 0, 1024, (byte) 7);
        Files.write(file, content);
        Files.setLastModifiedTime(file, modified);
        thirdPartFails.set(false);
        sent.clear();
    }

    private Path stateFile() throws IOException {
        try (Stream<Path> states = Files.list(work.resolve(".geoingest/cli-uploads"))) {
            return states.filter(path -> path.toString().endsWith(".json")).findFirst().orElseThrow();
        }
    }
}

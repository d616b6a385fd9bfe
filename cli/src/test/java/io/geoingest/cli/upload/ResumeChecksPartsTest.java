package io.geoingest.cli.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file rewritten in place between two runs may keep its size and time: a resumed upload checks
 * the parts on the server against the file, and sends again those that differ.
 */
class ResumeChecksPartsTest {
    private static final Pattern PART_NUMBER = Pattern.compile("name=\"partNumber\"\r\n\r\n(\\d+)\r\n");

    @TempDir
    Path work;

    @Test
    void aPartRewrittenSinceItWasSentGoesAgainOnResume() throws IOException {
        byte[] content = new byte[3000];
        Path file = Files.write(work.resolve("a.bin"), content);
        FileTime modified = Files.getLastModifiedTime(file);
        AtomicBoolean thirdPartFails = new AtomicBoolean(true);
        List<Integer> sent = new CopyOnWriteArrayList<>();
        try (LocalServer server = new LocalServer()
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
                })) {
            String[] upload = {"upload", "a.bin", "--chunk-size", "1KiB", "--parallel", "1", "--direct-limit", "1KiB",
                "--no-wait"};
            CommandRun interrupted = CommandRun.of(server.url(), work, upload);
            assertEquals(ExitCode.FAILURE, interrupted.exitCode(), interrupted.err());
            assertEquals(List.of(1, 2), sent);

            Arrays.fill(content, 0, 1024, (byte) 7);
            Files.write(file, content);
            Files.setLastModifiedTime(file, modified);
            thirdPartFails.set(false);
            sent.clear();
            CommandRun resumed = CommandRun.of(server.url(), work, upload);

            assertEquals(ExitCode.OK, resumed.exitCode(), resumed.err());
            assertEquals("f-1", resumed.out().strip());
            assertEquals(List.of(1, 3), sent.stream().sorted().toList(), "the rewritten part goes again, the other not");
            assertTrue(resumed.err().contains("Resuming the upload of a.bin: 1 of 3 parts are on the server already; 1 more"
                    + " there differ from the file now, or were not recorded, and go again"), resumed.err());
        }
    }
}

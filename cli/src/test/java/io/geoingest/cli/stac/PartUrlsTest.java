package io.geoingest.cli.stac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.cli.CliException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PartUrlsTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final AtomicInteger signings = new AtomicInteger();

    @Test
    void aUrlValidLongEnoughIsUsedAsGiven() {
        PartUrls urls = new PartUrls(List.of(url(1, "first", NOW.plusSeconds(3600))), this::signedAgain, CLOCK);

        assertEquals("first", urls.forPart(1));
        assertEquals(0, signings.get());
    }

    @Test
    void aUrlAboutToExpireIsSignedAgainBeforeItsPartIsSent() {
        PartUrls urls = new PartUrls(List.of(url(1, "first", NOW.plusSeconds(20)), url(2, "first", NOW.plusSeconds(20))),
                this::signedAgain, CLOCK);

        assertEquals("signed-1", urls.forPart(1));
        assertEquals("signed-1", urls.forPart(2), "one renewal serves every part");
        assertEquals(1, signings.get());
    }

    @Test
    void partsRefusedOnTheSameUrlsShareOneRenewal() {
        PartUrls urls = new PartUrls(List.of(url(1, "first", NOW.plusSeconds(3600)), url(2, "first", NOW.plusSeconds(3600))),
                this::signedAgain, CLOCK);

        assertEquals("signed-1", urls.instead(1, "first"));
        assertEquals("signed-1", urls.instead(2, "first"));
        assertEquals("signed-2", urls.instead(1, "signed-1"), "a new URL refused too is renewed again");
    }

    @Test
    void anUploadNoLongerInProgressSaysSo() {
        PartUrls urls = new PartUrls(List.of(url(1, "first", NOW.plusSeconds(5))),
                () -> new AssetUploadStarted("u1", "aborted", List.of()), CLOCK);

        CliException refused = assertThrows(CliException.class, () -> urls.forPart(1));
        assertTrue(refused.getMessage().contains("upload u1 is aborted"), refused.getMessage());
    }

    private AssetUploadStarted signedAgain() {
        String url = "signed-" + signings.incrementAndGet();
        return new AssetUploadStarted("u1", "in-progress",
                List.of(url(1, url, NOW.plusSeconds(3600)), url(2, url, NOW.plusSeconds(3600))));
    }

    private static AssetUploadStarted.PartUrl url(int part, String url, Instant expires) {
        return new AssetUploadStarted.PartUrl(url, part, expires.toString());
    }
}

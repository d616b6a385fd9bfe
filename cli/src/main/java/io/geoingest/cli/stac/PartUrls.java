package io.geoingest.cli.stac;

import io.geoingest.cli.CliException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The presigned part URLs of one upload. They expire (an hour by default), which a large file on a
 * slow link outlasts; the API signs them again whenever the upload is read, so a part whose URL
 * expires soon, or that storage refused, is sent on a fresh one. Parallel senders share one renewal.
 */
final class PartUrls {
    /** A URL that expires sooner than this is renewed before its part is sent. */
    static final Duration MARGIN = Duration.ofMinutes(1);

    private final Supplier<AssetUploadStarted> signAgain;
    private final Clock clock;
    private final Map<Integer, AssetUploadStarted.PartUrl> urls = new HashMap<>();

    PartUrls(List<AssetUploadStarted.PartUrl> urls, Supplier<AssetUploadStarted> signAgain, Clock clock) {
        this.signAgain = signAgain;
        this.clock = clock;
        urls.forEach(url -> this.urls.put(url.part(), url));
    }

    /** Whether the server gave a URL for the part. */
    synchronized boolean has(int part) {
        return urls.containsKey(part);
    }

    /** The URL to send the part to now. */
    synchronized String forPart(int part) {
        boolean expiresSoon = url(part).expiry().map(expiry -> expiry.isBefore(clock.instant().plus(MARGIN)))
                .orElse(false);
        if (expiresSoon) {
            renew();
        }
        return url(part).url();
    }

    /** A URL for the part instead of {@code refused}; renewed unless another sender renewed it already. */
    synchronized String instead(int part, String refused) {
        if (url(part).url().equals(refused)) {
            renew();
        }
        return url(part).url();
    }

    private void renew() {
        AssetUploadStarted upload = signAgain.get();
        if (upload.urls().isEmpty()) {
            throw new CliException("part URLs expired and upload " + upload.uploadId() + " is " + upload.status()
                    + ", so the server signs no new ones");
        }
        upload.urls().forEach(url -> urls.put(url.part(), url));
    }

    private AssetUploadStarted.PartUrl url(int part) {
        AssetUploadStarted.PartUrl url = urls.get(part);
        if (url == null) {
            throw new CliException("the server gave no URL for part " + part);
        }
        return url;
    }
}

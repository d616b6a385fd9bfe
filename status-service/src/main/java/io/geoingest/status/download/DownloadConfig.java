package io.geoingest.status.download;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "geoingest.download")
public interface DownloadConfig {

    /** How long a presigned download URL works: 24 hours as the spec promises, at most 7 days (SigV4). */
    @WithDefault("24h")
    Duration urlValidity();
}

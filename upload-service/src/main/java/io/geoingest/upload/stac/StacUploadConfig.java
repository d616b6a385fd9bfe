package io.geoingest.upload.stac;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "geoingest.stac")
public interface StacUploadConfig {

    /** How long the presigned part URLs of a STAC asset upload stay valid. */
    @WithDefault("1h")
    Duration uploadUrlValidity();
}

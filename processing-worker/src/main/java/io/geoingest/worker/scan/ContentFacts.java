package io.geoingest.worker.scan;

import io.geoingest.worker.format.FormatReport;

/**
 * What one pass over a stored object found.
 *
 * @param size              bytes actually read
 * @param checksum          sha2-256 multihash, lower-case hex
 * @param detectedMediaType detected from the first bytes (Tika), the file name only breaking ties
 * @param format            what the format reader found
 */
public record ContentFacts(long size, String checksum, String detectedMediaType, FormatReport format) {

    /** The media type stored for the file: the format's own when it was recognised, else the detected one. */
    public String mediaType() {
        return format.format().mediaType().orElse(detectedMediaType);
    }
}

package io.geoingest.worker.scan;

import io.geoingest.worker.format.FormatReport;

/**
 * What one pass over a stored object found.
 *
 * @param size              bytes actually read
 * @param checksum          sha2-256 multihash, lower-case hex
 * @param detectedMediaType detected from the first bytes (Tika), the file name only breaking ties
 * @param format            what the format reader found
 * @param contentRead       whether a format reader read the content, not only the first bytes (not
 *                          for a file over the spool limit that cannot be read in storage)
 */
public record ContentFacts(long size, String checksum, String detectedMediaType, FormatReport format,
        boolean contentRead) {

    /** The media type stored for the file: the format's own when it was recognised, else the detected one. */
    public String mediaType() {
        return format.format().mediaType().orElse(detectedMediaType);
    }

    /** Whether the kind of content is known: a GeoPackage's (vector data, or tiles) only once it was read. */
    public boolean familyKnown() {
        return contentRead || format.format().familyKnownBeforeReading();
    }
}

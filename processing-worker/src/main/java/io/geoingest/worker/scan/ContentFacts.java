package io.geoingest.worker.scan;

/**
 * What one pass over a stored object found.
 *
 * @param size      bytes actually read
 * @param checksum  sha2-256 multihash, lower-case hex
 * @param mediaType detected from the first bytes, the file name only breaking ties
 */
public record ContentFacts(long size, String checksum, String mediaType) {
}

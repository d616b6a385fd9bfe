package io.geoingest.cli.stac;

/** A completed upload of an asset's file, and the multihash of what it stored: the asset shows it while it holds that file. */
record AssetUploaded(String uploadId, String checksum) {
}

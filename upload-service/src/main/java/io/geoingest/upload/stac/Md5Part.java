package io.geoingest.upload.stac;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The MD5 (base64 of the 16-byte digest) a part must have; storage rejects a part whose bytes differ. */
public record Md5Part(@JsonProperty("part_number") Integer partNumber, String md5) {
}

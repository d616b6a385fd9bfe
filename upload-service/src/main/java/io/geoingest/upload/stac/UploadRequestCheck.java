package io.geoingest.upload.stac;

import io.geoingest.common.checksum.Multihash;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks a new upload's body; every problem found is named, so a client fixes them in one go. */
final class UploadRequestCheck {
    static final int MAX_PARTS = 10_000;
    static final Set<String> CONTENT_ENCODINGS = Set.of("gzip", "br");

    private UploadRequestCheck() {
    }

    /** The problems of {@code request}; empty when it is valid. */
    static List<String> problems(NewStacUpload request) {
        List<String> problems = new ArrayList<>();
        Integer numberParts = request.numberParts();
        if (numberParts == null) {
            problems.add("number_parts is required");
        } else if (numberParts < 1 || numberParts > MAX_PARTS) {
            problems.add("number_parts must be between 1 and " + MAX_PARTS + ", got " + numberParts);
        }
        List<Md5Part> parts = request.md5Parts();
        if (parts == null) {
            problems.add("md5_parts is required");
        } else {
            problems.addAll(md5PartProblems(parts, numberParts));
        }
        if (request.checksum() == null) {
            problems.add("file:checksum is required");
        } else if (!Multihash.isSha2_256Hex(request.checksum())) {
            problems.add("file:checksum must be a sha2-256 multihash in hex (1220 followed by 64 hex digits)");
        }
        if (request.contentEncoding() != null && !CONTENT_ENCODINGS.contains(request.contentEncoding())) {
            problems.add("content_encoding must be gzip or br, got " + request.contentEncoding());
        }
        return problems;
    }

    private static List<String> md5PartProblems(List<Md5Part> parts, Integer numberParts) {
        List<String> problems = new ArrayList<>();
        if (numberParts != null && parts.size() != numberParts) {
            problems.add("md5_parts has " + parts.size() + " parts but number_parts is " + numberParts);
        }
        Set<Integer> seen = new HashSet<>();
        for (Md5Part part : parts) {
            if (part == null || part.partNumber() == null) {
                problems.add("md5_parts: every part needs a part_number");
                continue;
            }
            int number = part.partNumber();
            int highest = numberParts == null ? MAX_PARTS : numberParts;
            if (number < 1 || number > highest) {
                problems.add("md5_parts: part_number " + number + " is out of range 1.." + highest);
            }
            if (!seen.add(number)) {
                problems.add("md5_parts: part_number " + number + " is given more than once");
            }
            if (!isMd5(part.md5())) {
                problems.add("md5_parts: md5 of part " + number + " is not the base64 of a 16-byte MD5");
            }
        }
        return problems;
    }

    private static boolean isMd5(String value) {
        if (value == null) {
            return false;
        }
        // Storage compares the Content-MD5 a client sends with the signed value as text, and clients
        // send the padded base64 of the digest: any other spelling of the same bytes (no padding)
        // would sign a URL no PUT can match.
        try {
            byte[] digest = Base64.getDecoder().decode(value);
            return digest.length == 16 && Base64.getEncoder().encodeToString(digest).equals(value);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }
}

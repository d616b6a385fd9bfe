package io.geoingest.upload.chunked;

import io.geoingest.upload.TestData;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** A file cut into chunks of the given sizes; chunk i is part i + 1. */
record ChunkedFile(List<byte[]> chunks) {

    static ChunkedFile ofSizes(int... sizes) {
        List<byte[]> chunks = new ArrayList<>();
        for (int size : sizes) {
            chunks.add(TestData.bytes(size));
        }
        return new ChunkedFile(chunks);
    }

    byte[] part(int partNumber) {
        return chunks.get(partNumber - 1);
    }

    int partCount() {
        return chunks.size();
    }

    byte[] bytes() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        chunks.forEach(all::writeBytes);
        return all.toByteArray();
    }

    long size() {
        return chunks.stream().mapToLong(chunk -> chunk.length).sum();
    }
}

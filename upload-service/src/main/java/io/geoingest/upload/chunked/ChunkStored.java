package io.geoingest.upload.chunked;

public record ChunkStored(String message, int partNumber, long size) {

    public static ChunkStored of(StoredPart part) {
        return new ChunkStored("Chunk uploaded successfully", part.partNumber(), part.size());
    }
}

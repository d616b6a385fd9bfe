package io.geoingest.upload.direct;

/** The file part of a direct upload, once in storage: {@code size} 0 means the part was empty and nothing was stored. */
record StoredFile(String name, String key, long size) {

    boolean empty() {
        return size == 0;
    }
}

package io.geoingest.common.file;

import java.nio.charset.StandardCharsets;

/** File names cut to a length that storage keys and file systems accept. */
public final class FileNames {
    private static final int MAX_EXTENSION_LENGTH = 16;

    private FileNames() {
    }

    /**
     * @return {@code name} if its UTF-8 form fits in {@code maxBytes}; otherwise as much of its
     *         start as fits, cut between characters, followed by its extension (up to 16 characters)
     */
    public static String shortened(String name, int maxBytes) {
        if (utf8Length(name) <= maxBytes) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= MAX_EXTENSION_LENGTH ? name.substring(dot) : "";
        int budget = maxBytes - utf8Length(extension);
        StringBuilder kept = new StringBuilder();
        name.substring(0, name.length() - extension.length()).codePoints()
                .takeWhile(c -> utf8Length(kept) + utf8Length(Character.toString(c)) <= budget)
                .forEach(kept::appendCodePoint);
        return kept + extension;
    }

    private static int utf8Length(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.UTF_8).length;
    }
}

package io.geoingest.cli.config;

import io.geoingest.cli.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variables of a {@code local.env} file as {@code deploy/local/run.sh} writes it: lines
 * {@code export NAME='value'}. Plain {@code NAME=value} and double quotes are read too, so a
 * hand-edited file still works; comments, blank lines and anything else are skipped.
 */
public final class LocalEnv {
    /** The folder the local suite keeps its data in, in the directory it runs in: the checkout. */
    public static final Path FOLDER = Path.of(".geoingest");
    /** Where the local suite writes the file, relative to the directory it runs in. */
    public static final Path LOCATION = FOLDER.resolve("local.env");

    private static final Pattern ASSIGNMENT =
            Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*?)\\s*$");

    private final Map<String, String> values;

    private LocalEnv(Map<String, String> values) {
        this.values = values;
    }

    /**
     * The file of the nearest checkout: {@code .geoingest/local.env} in {@code directory}, else in
     * its parent, and so on up, as git finds {@code .git}; so the client works from any folder of
     * the checkout the suite runs in.
     */
    public static Optional<Path> nearest(Path directory) {
        for (Path folder = directory.toAbsolutePath(); folder != null; folder = folder.getParent()) {
            Path file = folder.resolve(LOCATION);
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    public static LocalEnv read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static LocalEnv parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            Matcher matcher = ASSIGNMENT.matcher(line);
            if (!line.trim().startsWith("#") && matcher.matches()) {
                values.put(matcher.group(1), unquote(matcher.group(2)));
            }
        }
        return new LocalEnv(values);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name)).filter(value -> !value.isBlank());
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
            // The shell's way of putting a quote inside single quotes: 'it'\''s'.
            return value.substring(1, value.length() - 1).replace("'\\''", "'");
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return value;
    }
}

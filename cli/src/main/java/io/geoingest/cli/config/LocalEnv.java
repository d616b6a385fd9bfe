package io.geoingest.cli.config;

import io.geoingest.cli.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
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
    private static final Path LAUNCHER = Path.of("deploy", "local", "run.sh");

    private static final Pattern ASSIGNMENT =
            Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*?)\\s*$");

    private final Map<String, String> values;

    private LocalEnv(Map<String, String> values) {
        this.values = values;
    }

    /**
     * The file the client may take its server and key from: {@code .geoingest/local.env} in
     * {@code directory}, else, when {@code directory} is in a GeoIngest checkout, in the nearest
     * folder above it up to the checkout's root (the folder that holds {@code deploy/local/run.sh},
     * where the script writes the file); so the client works from any folder of the checkout the
     * suite runs in. It looks no higher, and takes only a file of the user's own: the file chooses
     * where the user's files and key are sent, which a file another user left in a shared folder
     * such as {@code /tmp} must not (git's {@code safe.directory} guards against the same).
     */
    public static Optional<Path> nearest(Path directory) {
        Path start = directory.toAbsolutePath().normalize();
        Path last = checkoutRoot(start).orElse(start);
        Optional<UserPrincipal> user = currentUser(start);
        for (Path folder = start; ; folder = folder.getParent()) {
            Path file = folder.resolve(LOCATION);
            if (Files.isRegularFile(file) && user.isPresent() && ownedBy(file, user.get())) {
                return Optional.of(file);
            }
            if (folder.equals(last)) {
                return Optional.empty();
            }
        }
    }

    /** The folder deploy/local/run.sh writes its .geoingest/ into: the nearest one that holds the script. */
    private static Optional<Path> checkoutRoot(Path start) {
        for (Path folder = start; folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve(LAUNCHER))) {
                return Optional.of(folder);
            }
        }
        return Optional.empty();
    }

    /** The user the client runs as; none when the system does not know its name, so no file is taken. */
    private static Optional<UserPrincipal> currentUser(Path anywhere) {
        try {
            return Optional.of(anywhere.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name")));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** The file's owner, not that of a link's target: a link another user left is theirs. */
    private static boolean ownedBy(Path file, UserPrincipal user) {
        try {
            return Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).equals(user);
        } catch (IOException | UnsupportedOperationException e) {
            // a file whose owner cannot be told could be anybody's
            return false;
        }
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

package io.geoingest.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Dockerfiles build as the user they switch to, and the images run as a numeric user, which
 * is what lets Kubernetes' runAsNonRoot check an image without a runAsUser.
 */
class DockerfilesTest {
    private static final Path DOCKER = Path.of("../docker").toAbsolutePath().normalize();

    /**
     * Maven runs in the build stage's WORKDIR as its USER, and writes in that directory itself (the
     * reactor's parent project makes target/ there). WORKDIR makes a missing directory root's, and
     * COPY --chown leaves the ownership of an existing one alone: the directory must be made the
     * build user's first, or the build fails writing target/.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile.jvm", "Dockerfile.native"})
    void theBuildStageWritesItsOwnDirectory(String file) throws IOException {
        List<String> build = stages(file).get(0);
        String user = last(build, "USER (\\S+)", build.indexOf(maven(build)));
        String workdir = last(build, "WORKDIR (\\S+)", build.indexOf(maven(build)));
        int workdirAt = indexOf(build, "WORKDIR " + workdir);
        assertTrue(build.subList(0, workdirAt).stream()
                        .anyMatch(line -> line.startsWith("RUN ") && line.contains("chown " + user + " " + workdir)),
                file + ": " + workdir + " is made " + user + "'s before the build runs in it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile.jvm", "Dockerfile.native"})
    void theImageRunsAsANumericUser(String file) throws IOException {
        List<List<String>> stages = stages(file);
        List<String> runtime = stages.get(stages.size() - 1);
        String user = last(runtime, "USER (\\S+)", runtime.size());
        assertTrue(user.matches("\\d+(:\\d+)?"), file + " runs as " + user);
    }

    /** The services' own ports are the local suite's (8081-8083): a `docker run -p 8080:8080` got no answer. */
    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile.jvm", "Dockerfile.native"})
    void theImageServesOnThePortItExposes(String file) throws IOException {
        List<String> runtime = stages(file).get(stages(file).size() - 1);
        String exposed = last(runtime, "EXPOSE (\\d+)", runtime.size());
        assertTrue(String.join("\n", runtime).matches("(?s).*QUARKUS_HTTP_PORT=" + exposed + "\\b.*"),
                file + " exposes " + exposed + " but does not serve there");
    }

    /** The JVM image runs the layout it builds: a fast-jar's quarkus-run.jar, lib/, app/ and quarkus/. */
    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile.jvm"})
    void theJvmImageRunsTheFastJarItBuilds(String file) throws IOException {
        String text = Files.readString(DOCKER.resolve(file));
        assertTrue(text.contains("-Dquarkus.package.jar.type=fast-jar"), "builds a fast-jar");
        assertTrue(text.contains("JAVA_APP_JAR=\"/deployments/quarkus-run.jar\""), "runs quarkus-run.jar");
        for (String part : List.of("lib/", "*.jar", "app/", "quarkus/")) {
            assertTrue(text.contains("/target/quarkus-app/" + part), "copies quarkus-app/" + part);
        }
    }

    private static String maven(List<String> stage) {
        return stage.stream().filter(line -> line.startsWith("RUN ./mvnw")).findFirst().orElseThrow();
    }

    private static String last(List<String> stage, String regex, int before) {
        String found = null;
        Pattern pattern = Pattern.compile(regex);
        for (String line : stage.subList(0, before)) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.matches()) {
                found = matcher.group(1);
            }
        }
        assertTrue(found != null, regex);
        return found;
    }

    private static int indexOf(List<String> stage, String line) {
        int at = stage.indexOf(line);
        assertTrue(at >= 0, line);
        return at;
    }

    /** The instructions of each stage, continuation lines joined, comments left out. */
    private static List<List<String>> stages(String file) throws IOException {
        List<List<String>> stages = new ArrayList<>();
        StringBuilder instruction = new StringBuilder();
        for (String line : Files.readAllLines(DOCKER.resolve(file))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            instruction.append(line.endsWith("\\") ? line.substring(0, line.length() - 1) : line);
            if (line.endsWith("\\")) {
                continue;
            }
            String complete = instruction.toString().trim();
            instruction.setLength(0);
            if (complete.startsWith("FROM ")) {
                stages.add(new ArrayList<>());
            }
            if (!stages.isEmpty()) {
                stages.get(stages.size() - 1).add(complete);
            }
        }
        assertEquals(2, stages.size(), file + " has a build stage and a runtime stage");
        return stages;
    }
}

package io.geoingest.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The compose file gives the services settings they read, and its infrastructure keeps its data. */
class ComposeFileTest {
    private static final Path COMPOSE = Path.of("../compose/compose.yaml").toAbsolutePath().normalize();

    @Test
    void everyVariableSetForTheServicesIsOneTheyRead() throws IOException {
        Set<String> set = new TreeSet<>();
        compose().at("/x-service/environment").fieldNames().forEachRemaining(set::add);
        for (Service service : Service.values()) {
            compose().at("/services/" + service.moduleName() + "/environment").fieldNames().forEachRemaining(set::add);
        }
        set.remove("<<");
        assertFalse(set.isEmpty());
        Set<String> read = ServiceConfiguration.environmentVariables();
        assertEquals(Set.of(), set.stream().filter(name -> !read.contains(name)).collect(Collectors.toSet()),
                "variables that set no property the services read (or a deprecated one)");
    }

    /**
     * The services connect as the database's owner, who migrates the schema, and each then works
     * as its own role, as in the local suite; only the upload-service, which manages API keys,
     * makes the first one (the others' roles may not).
     */
    @Test
    void eachServiceWorksAsItsOwnDatabaseRole() throws IOException {
        for (Service service : Service.values()) {
            JsonNode environment = compose().at("/services/" + service.moduleName() + "/environment");
            assertEquals(service.databaseRole().setRole(),
                    environment.path("QUARKUS_DATASOURCE_JDBC_NEW_CONNECTION_SQL").asText(), service.moduleName());
            assertEquals(service == Service.UPLOAD, environment.has("GEOINGEST_AUTH_BOOTSTRAP_ADMIN_KEY"),
                    service.moduleName());
        }
        assertFalse(compose().at("/x-service/environment").has("GEOINGEST_AUTH_BOOTSTRAP_ADMIN_KEY"));
        assertFalse(compose().at("/x-service").has("env_file"),
                "the whole .env, the admin key with it, went to every service");
    }

    /**
     * A secret left out of .env must stop Compose, not start the suite with an empty password, and
     * the example holds none a copy could put to work (a placeholder admin key was a working one).
     */
    @Test
    void everySecretMustBeSetAndTheExampleHoldsNone() throws IOException {
        String compose = Files.readString(COMPOSE);
        java.util.regex.Matcher variable = java.util.regex.Pattern.compile("\\$\\{([A-Z_]+)(:?[-?])?[^}]*}").matcher(compose);
        Set<String> optional = new TreeSet<>();
        Set<String> required = new TreeSet<>();
        while (variable.find()) {
            ("?".equals(variable.group(2)) || ":?".equals(variable.group(2)) ? required : optional).add(variable.group(1));
        }
        assertEquals(Set.of("MP_JWT_VERIFY_PUBLICKEY"), optional, "variables Compose fills in without a value");
        assertEquals(Set.of("GEOINGEST_ADMIN_KEY", "MINIO_ROOT_PASSWORD", "MINIO_ROOT_USER", "POSTGRES_PASSWORD"), required);
        for (String line : Files.readAllLines(COMPOSE.resolveSibling("example.env"))) {
            if (line.matches("(POSTGRES_PASSWORD|MINIO_ROOT_PASSWORD|GEOINGEST_ADMIN_KEY)=.*")) {
                assertTrue(line.endsWith("="), "the example sets a secret: " + line);
            }
        }
    }

    /**
     * The apache/kafka image keeps its log in /tmp/kraft-combined-logs unless KAFKA_LOG_DIRS says
     * otherwise: in the container, not in the volume, so topics and committed offsets went with
     * every new container while PostgreSQL kept the files they were about.
     */
    @Test
    void kafkaKeepsItsLogInItsVolume() throws IOException {
        JsonNode kafka = compose().at("/services/kafka");
        String logDirs = kafka.at("/environment/KAFKA_LOG_DIRS").asText();
        assertFalse(logDirs.isEmpty(), "KAFKA_LOG_DIRS is set");
        Set<String> volumePaths = new TreeSet<>();
        kafka.path("volumes").forEach(volume -> volumePaths.add(volume.asText().split(":")[1]));
        assertTrue(volumePaths.contains(logDirs), logDirs + " is a volume: " + volumePaths);
    }

    /** The worker has time to hand back the files it was processing before Docker kills it. */
    @Test
    void servicesStopAfterTheWorkerHandsBackItsFiles() throws Exception {
        String grace = compose().at("/x-service/stop_grace_period").asText("10s");
        java.util.regex.Matcher seconds = java.util.regex.Pattern.compile("(\\d+)s").matcher(grace);
        assertTrue(seconds.matches(), "stop_grace_period in seconds: " + grace);
        String files = ServiceConfiguration.defaultOf(io.geoingest.worker.WorkerConfig.class, "shutdownGrace");
        assertTrue(files.endsWith("s"), files);
        assertTrue(Long.parseLong(seconds.group(1)) >= Long.parseLong(files.replace("s", "")) + 20,
                "stop_grace_period " + grace + " outlasts the worker's shutdown-grace " + files + " and the release");
    }

    /**
     * Each image names a release: {@code latest} moves under a running deployment, and a repository
     * gone from its registry fails every pull. MinIO removed minio/minio and minio/mc from Docker
     * Hub in September 2026, where this file took them from; its last releases stay on quay.io.
     */
    @Test
    void everyImageIsAReleaseFromARegistryThatServesIt() throws IOException {
        List<String> images = new ArrayList<>();
        compose().path("services").forEach(service -> {
            if (service.has("image")) {
                images.add(service.path("image").asText());
            }
        });
        assertFalse(images.isEmpty());
        for (String image : images) {
            String name = image.substring(image.lastIndexOf('/') + 1);
            assertTrue(name.contains(":") && !name.endsWith(":latest"), image + " names a release");
            assertFalse(image.startsWith("minio/") || image.startsWith("docker.io/minio/"), image + " is still served");
        }
    }

    private static JsonNode compose() throws IOException {
        return new YAMLMapper().readTree(COMPOSE.toFile());
    }
}

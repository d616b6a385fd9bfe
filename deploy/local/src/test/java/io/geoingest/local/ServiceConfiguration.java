package io.geoingest.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the services read from their configuration, for checking what the deployment material
 * (Kubernetes, compose) sets: Quarkus' own properties (from the configuration model each extension
 * ships), the keys of our properties files, our {@code @ConfigMapping} interfaces and
 * {@code @ConfigProperty} names, each as the environment variable that sets it.
 */
final class ServiceConfiguration {
    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    static final List<String> MODULES = List.of("common", "upload-service", "status-service", "processing-worker");
    /**
     * Read by libraries whose configuration no Quarkus model lists: the Kafka connector hands
     * {@code kafka.*} to its clients, and SmallRye JWT reads MicroProfile JWT's keys.
     */
    private static final List<String> LIBRARY_PROPERTIES = List.of(
            "kafka.bootstrap.servers", "mp.jwt.verify.publickey", "mp.jwt.verify.publickey.location",
            "mp.jwt.verify.issuer");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\(name = \"([^\"]+)\"");
    private static final Pattern MAPPING_CLASS = Pattern.compile("@ConfigMapping\\(");

    private static Set<String> variables;

    private ServiceConfiguration() {
    }

    /** The environment variable that sets {@code property} (SmallRye Config's mapping). */
    static String environmentVariable(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** Every environment variable that sets a property the services read; none that Quarkus deprecated. */
    static synchronized Set<String> environmentVariables() throws IOException {
        if (variables == null) {
            Set<String> properties = new HashSet<>(LIBRARY_PROPERTIES);
            quarkusProperties(properties);
            for (String module : MODULES) {
                ownProperties(module, properties);
            }
            Set<String> names = new HashSet<>();
            properties.forEach(property -> names.add(environmentVariable(property)));
            variables = Collections.unmodifiableSet(names);
        }
        return variables;
    }

    /** A module's own setting, from its application.properties (the default profile's). */
    static String property(String module, String key) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(resources(module).resolve("application.properties"))) {
            properties.load(reader);
        }
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException(module + " does not set " + key);
        }
        return value;
    }

    /** The {@code @WithDefault} of a method of a configuration mapping. */
    static String defaultOf(Class<?> mapping, String method) throws NoSuchMethodException {
        WithDefault value = mapping.getMethod(method).getAnnotation(WithDefault.class);
        if (value == null) {
            throw new IllegalArgumentException(mapping.getSimpleName() + "." + method + " has no default");
        }
        return value.value();
    }

    /** A size as Quarkus' MemorySize reads it (a number with an optional K, M, G or T suffix), in bytes. */
    static long bytes(String size) {
        Matcher matcher = Pattern.compile("(?i)(\\d+)([KMGT]?)").matcher(size.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a size: " + size);
        }
        long number = Long.parseLong(matcher.group(1));
        int shift = switch (matcher.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            case "T" -> 40;
            default -> 0;
        };
        return number << shift;
    }

    private static void quarkusProperties(Set<String> properties) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<URL> models = Collections.list(ServiceConfiguration.class.getClassLoader()
                .getResources("META-INF/quarkus-config-doc/quarkus-config-model.json"));
        if (models.size() < 10) {
            throw new IllegalStateException("the Quarkus extensions' configuration models are not on the class path: " + models);
        }
        for (URL model : models) {
            try (InputStream in = model.openStream()) {
                collect(json.readTree(in), properties);
            }
        }
    }

    private static void collect(JsonNode node, Set<String> properties) {
        if (node.isObject() && node.path("@class").asText().endsWith(".ConfigProperty")
                && node.path("path").has("property") && !node.has("deprecation")) {
            properties.add(node.path("path").path("property").asText());
        }
        node.forEach(child -> collect(child, properties));
    }

    private static void ownProperties(String module, Set<String> properties) throws IOException {
        for (String file : List.of("application.properties", "META-INF/microprofile-config.properties")) {
            Path path = resources(module).resolve(file);
            if (Files.exists(path)) {
                Properties keys = new Properties();
                try (Reader reader = Files.newBufferedReader(path)) {
                    keys.load(reader);
                }
                keys.stringPropertyNames().stream().filter(key -> !key.startsWith("%")).forEach(properties::add);
            }
        }
        Path sources = ROOT.resolve(module).resolve("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                Matcher named = CONFIG_PROPERTY.matcher(text);
                while (named.find()) {
                    properties.add(named.group(1));
                }
                if (MAPPING_CLASS.matcher(text).find()) {
                    String className = sources.relativize(file).toString().replace(".java", "").replace('/', '.');
                    mapping(className, properties);
                }
            }
        }
    }

    private static void mapping(String className, Set<String> properties) {
        try {
            Class<?> mapping = Class.forName(className);
            ConfigMapping annotation = mapping.getAnnotation(ConfigMapping.class);
            if (annotation != null) {
                mappingProperties(mapping, annotation.prefix(), properties);
            }
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(className + " is not on the test class path", e);
        }
    }

    private static void mappingProperties(Class<?> group, String prefix, Set<String> properties) {
        for (Method method : group.getMethods()) {
            if (method.isDefault() || method.getParameterCount() > 0) {
                continue;
            }
            WithName renamed = method.getAnnotation(WithName.class);
            String name = prefix + "." + (renamed != null ? renamed.value() : kebab(method.getName()));
            Class<?> type = method.getReturnType();
            if (type.isInterface() && type.getName().startsWith("io.geoingest.")) {
                mappingProperties(type, name, properties);
            } else {
                properties.add(name);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static Path resources(String module) {
        return ROOT.resolve(module).resolve("src/main/resources");
    }
}

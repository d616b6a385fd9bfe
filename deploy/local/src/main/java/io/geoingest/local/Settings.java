package io.geoingest.local;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the suite keeps its data and which ports it uses; every value can be set in the environment.
 *
 * @param host the address the gateway and the S3 storage listen on, the two that clients call;
 *        the services and the rest of the infrastructure listen on {@link #LOOPBACK} only
 */
record Settings(
        Path root,
        Path home,
        String host,
        int gatewayPort,
        Map<Service, Integer> servicePorts,
        int postgresPort,
        int kafkaPort,
        int s3Port,
        String s3PublicUrl,
        String bucket,
        String javaOptions,
        GatewayLimits gatewayLimits) {

    /**
     * Where the services listen whatever the host: the launcher probes them and the gateway calls
     * them there, and on any other address clients could call them past the gateway, /q/metrics and all.
     */
    static final String LOOPBACK = "127.0.0.1";

    static Settings fromEnvironment() {
        Path root = Path.of(env("GEOINGEST_ROOT").orElse(".")).toAbsolutePath().normalize();
        Path home = env("GEOINGEST_HOME").map(Path::of).orElse(root.resolve(".geoingest")).toAbsolutePath().normalize();
        String host = env("GEOINGEST_HOST").orElse(LOOPBACK);
        Map<Service, Integer> servicePorts = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            String variable = "GEOINGEST_" + service.name() + "_PORT";
            servicePorts.put(service, port(variable, service.defaultPort()));
        }
        int s3Port = port("GEOINGEST_S3_PORT", 19000);
        return new Settings(root, home, host,
                port("GEOINGEST_GATEWAY_PORT", 8080),
                servicePorts,
                port("GEOINGEST_PG_PORT", 15432),
                port("GEOINGEST_KAFKA_PORT", 19092),
                s3Port,
                env("GEOINGEST_S3_PUBLIC_URL").orElse("http://" + reachable(host) + ":" + s3Port),
                env("GEOINGEST_BUCKET").orElse("geoingest"),
                env("GEOINGEST_JAVA_OPTS").orElse(defaultJavaOptions(jvmTrimsNativeHeap())),
                GatewayLimits.of(number("GEOINGEST_GATEWAY_CONNECTIONS", GatewayLimits.DEFAULT_CONNECTIONS_PER_SERVICE),
                        Duration.ofSeconds(number("GEOINGEST_GATEWAY_RESPONSE_TIMEOUT",
                                (int) GatewayLimits.DEFAULT_RESPONSE_TIMEOUT.toSeconds()))));
    }

    /**
     * The services' JVM options unless GEOINGEST_JAVA_OPTS is set. The trim hands back to the system
     * the C heap that start-up and the JIT freed, which glibc would otherwise keep. A smaller young
     * generation would save more when idle, but measured, -Xms128m -Xmn24m made a 100 MB upload take
     * 60% longer (README, "Benchmarks"), so the heap keeps the JVM's sizing. A service out of heap
     * exits, and the launcher starts it again: it may have lost threads it cannot do without.
     */
    static String defaultJavaOptions(boolean trimsNativeHeap) {
        return "-Xmx384m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"
                + (trimsNativeHeap ? " -XX:TrimNativeHeapInterval=5000" : "");
    }

    /** Whether this JVM, which also runs the services, has the periodic trim (17.0.9, 21.0.1 and 22 on). */
    static boolean jvmTrimsNativeHeap() {
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption("TrimNativeHeapInterval");
            return true;
        } catch (IllegalArgumentException unknownOption) {
            return false;
        }
    }

    Path logs() {
        return home.resolve("logs");
    }

    Path pids() {
        return home.resolve("pids");
    }

    String gatewayUrl() {
        return "http://" + reachable(host) + ":" + gatewayPort;
    }

    /** How this machine calls a server listening on {@code host}: on every address, at the loopback one. */
    static String reachable(String host) {
        String address = host.equals("0.0.0.0") || host.equals("::") ? LOOPBACK : host;
        return address.contains(":") ? "[" + address + "]" : address;
    }

    private static int port(String variable, int fallback) {
        return wholeNumber(variable, fallback, "a port number");
    }

    private static int number(String variable, int fallback) {
        return wholeNumber(variable, fallback, "a positive whole number");
    }

    private static int wholeNumber(String variable, int fallback, String what) {
        return env(variable).map(value -> {
            try {
                int number = Integer.parseInt(value);
                if (number > 0) {
                    return number;
                }
            } catch (NumberFormatException notANumber) {
                // refused below, naming the variable
            }
            throw new IllegalArgumentException(variable + " must be " + what + ", not '" + value + "'");
        }).orElse(fallback);
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }
}

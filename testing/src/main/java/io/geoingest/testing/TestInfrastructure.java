package io.geoingest.testing;

import io.geoingest.common.event.Topics;
import io.geoingest.testing.infra.DatabaseRole;
import io.geoingest.testing.infra.KafkaBroker;
import io.geoingest.testing.infra.PostgresServer;
import io.geoingest.testing.infra.S3Server;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The PostgreSQL, Kafka and S3 servers of one test JVM: started once, on free ports, on first use,
 * and stopped when the JVM exits. Each can point at an external server instead through the
 * environment ({@code GEOINGEST_TEST_PG_URL}, {@code GEOINGEST_TEST_KAFKA}, {@code GEOINGEST_TEST_S3}).
 */
public final class TestInfrastructure {
    public static final String BUCKET = "geoingest";
    /**
     * How long the test storage waits for the next bytes of a request: shorter than a real
     * server's, so that the tests of a client pausing longer than that do not wait half a minute.
     */
    public static final Duration S3_BODY_WAIT = Duration.ofSeconds(10);
    private static TestInfrastructure instance;

    private final String jdbcUrl;
    private final String jdbcUser;
    private final String jdbcPassword;
    private final String kafkaBootstrapServers;
    private final URI s3Endpoint;
    private final String s3AccessKey;
    private final String s3SecretKey;
    /** The servers this JVM started itself (null when pointed at external ones), for fault tests. */
    private PostgresServer postgres;
    private KafkaBroker kafka;

    private TestInfrastructure(String jdbcUrl, String jdbcUser, String jdbcPassword, String kafkaBootstrapServers,
            URI s3Endpoint, String s3AccessKey, String s3SecretKey) {
        this.jdbcUrl = jdbcUrl;
        this.jdbcUser = jdbcUser;
        this.jdbcPassword = jdbcPassword;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.s3Endpoint = s3Endpoint;
        this.s3AccessKey = s3AccessKey;
        this.s3SecretKey = s3SecretKey;
    }

    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static TestInfrastructure start() {
        Path work = Path.of(System.getProperty("java.io.tmpdir")).resolve("geoingest-test-" + ProcessHandle.current().pid());
        Deque<AutoCloseable> started = new ArrayDeque<>();
        PostgresServer postgresServer = null;
        KafkaBroker kafkaBroker = null;

        String jdbcUrl = env("GEOINGEST_TEST_PG_URL").orElse(null);
        String jdbcUser = env("GEOINGEST_TEST_PG_USER").orElse(PostgresServer.USER);
        String jdbcPassword = env("GEOINGEST_TEST_PG_PASSWORD").orElse("");
        if (jdbcUrl == null) {
            postgresServer = PostgresServer.start(work.getParent(), work.resolve("pgdata"), 0, true);
            jdbcUrl = postgresServer.jdbcUrl();
        }

        String kafka = env("GEOINGEST_TEST_KAFKA").orElse(null);
        if (kafka == null) {
            kafkaBroker = KafkaBroker.start(work.resolve("kafka"), 0, true);
            kafka = kafkaBroker.bootstrapServers();
        }

        URI s3 = env("GEOINGEST_TEST_S3").map(URI::create).orElse(null);
        String accessKey = env("GEOINGEST_TEST_S3_ACCESS_KEY").orElse("test-access-key");
        String secretKey = env("GEOINGEST_TEST_S3_SECRET_KEY").orElse("test-secret-" + UUID.randomUUID());
        if (s3 == null) {
            S3Server server = S3Server.start(work.resolve("s3"), 0, accessKey, secretKey, true, S3_BODY_WAIT);
            started.push(server);
            s3 = server.endpoint();
        }

        TestInfrastructure infrastructure = new TestInfrastructure(jdbcUrl, jdbcUser, jdbcPassword, kafka, s3,
                accessKey, secretKey);
        infrastructure.postgres = postgresServer;
        infrastructure.kafka = kafkaBroker;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            List<AutoCloseable> servers = new ArrayList<>(started);
            // the current objects: a restart replaces them
            synchronized (infrastructure) {
                if (infrastructure.kafka != null) {
                    servers.add(infrastructure.kafka);
                }
                if (infrastructure.postgres != null) {
                    servers.add(infrastructure.postgres);
                }
            }
            for (AutoCloseable server : servers) {
                try {
                    server.close();
                } catch (Exception e) {
                    System.err.println("stopping a test server failed: " + e);
                }
            }
        }, "geoingest-test-infrastructure-stop"));
        try (S3Client client = infrastructure.s3Client()) {
            S3Server.ensureBucket(client, BUCKET);
        }
        KafkaBroker.createTopics(kafka, Topics.ALL, 4);
        return infrastructure;
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }

    /**
     * Quarkus configuration that points a service at these servers. The service works in the
     * database as {@code databaseRole} (see {@code db/migration/afterMigrate.sql}), as it does when deployed,
     * so that a query its role may not run fails here; Flyway migrates as the user we connect as.
     */
    public Map<String, String> quarkusConfig(DatabaseRole databaseRole) {
        return Map.ofEntries(
                Map.entry("quarkus.datasource.jdbc.url", jdbcUrl),
                Map.entry("quarkus.datasource.username", jdbcUser),
                Map.entry("quarkus.datasource.password", jdbcPassword),
                Map.entry("quarkus.datasource.jdbc.new-connection-sql", databaseRole.setRole()),
                Map.entry("quarkus.flyway.username", jdbcUser),
                Map.entry("quarkus.flyway.password", DatabaseRole.flywayPassword(jdbcPassword)),
                Map.entry("kafka.bootstrap.servers", kafkaBootstrapServers),
                Map.entry("quarkus.s3.endpoint-override", s3Endpoint.toString()),
                Map.entry("quarkus.s3.aws.region", S3Server.REGION),
                Map.entry("quarkus.s3.aws.credentials.type", "static"),
                Map.entry("quarkus.s3.aws.credentials.static-provider.access-key-id", s3AccessKey),
                Map.entry("quarkus.s3.aws.credentials.static-provider.secret-access-key", s3SecretKey),
                Map.entry("geoingest.storage.bucket", BUCKET),
                Map.entry("geoingest.storage.public-endpoint", s3Endpoint.toString()));
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, jdbcUser, jdbcPassword);
    }

    public S3Client s3Client() {
        return S3Server.client(s3Endpoint, s3AccessKey, s3SecretKey);
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    public URI s3Endpoint() {
        return s3Endpoint;
    }

    /**
     * Stops the Kafka broker (its data kept) until {@link #startKafka()}: for tests of what happens
     * while Kafka is unreachable. Only for the broker this JVM started.
     */
    public synchronized void stopKafka() {
        ownKafka().stop();
    }

    /** Starts the stopped broker again on the same port with the same data. */
    public synchronized void startKafka() {
        kafka = ownKafka().startAgain();
    }

    /**
     * Stops PostgreSQL (its data kept) until {@link #startPostgres()}; {@code immediate} stops it as
     * a crash would. Only for the server this JVM started.
     */
    public synchronized void stopPostgres(boolean immediate) {
        ownPostgres().stop(immediate);
    }

    /** Starts the stopped PostgreSQL server again on the same port with the same data. */
    public synchronized void startPostgres() {
        ownPostgres().startAgain();
    }

    /** Freezes PostgreSQL until {@link #thawPostgres()}: see {@link PostgresServer#freeze()}. Only for the server this JVM started. */
    public synchronized void freezePostgres() {
        ownPostgres().freeze();
    }

    public synchronized void thawPostgres() {
        ownPostgres().thaw();
    }

    private KafkaBroker ownKafka() {
        if (kafka == null) {
            throw new IllegalStateException("Kafka is external (GEOINGEST_TEST_KAFKA): tests cannot restart it");
        }
        return kafka;
    }

    private PostgresServer ownPostgres() {
        if (postgres == null) {
            throw new IllegalStateException("PostgreSQL is external (GEOINGEST_TEST_PG_URL): tests cannot restart it");
        }
        return postgres;
    }
}

package io.geoingest.testing.infra;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Apache Kafka broker in KRaft mode (one node, broker and controller combined) running in
 * this JVM, keeping its log in a directory so that a restart keeps every event.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final KafkaRaftServer server;
    private final Path logDirectory;
    private final int port;
    private final int controllerPort;
    private final boolean deleteOnClose;

    private KafkaBroker(KafkaRaftServer server, Path logDirectory, int port, int controllerPort, boolean deleteOnClose) {
        this.server = server;
        this.logDirectory = logDirectory;
        this.port = port;
        this.controllerPort = controllerPort;
        this.deleteOnClose = deleteOnClose;
    }

    /** Starts a broker on {@code port} (a free one when 0), formatting {@code logDirectory} on first use. */
    public static KafkaBroker start(Path logDirectory, int port, boolean deleteOnClose) {
        return start(logDirectory, port, 0, deleteOnClose);
    }

    private static KafkaBroker start(Path logDirectory, int port, int controllerPortWanted, boolean deleteOnClose) {
        int brokerPort = FreePorts.orFree(port);
        int controllerPort = FreePorts.orFree(controllerPortWanted);
        Map<String, Object> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDirectory.toString());
        props.put("num.partitions", "4");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "true");
        props.put("log.cleaner.dedupe.buffer.size", "2097152");
        try {
            Files.createDirectories(logDirectory);
            KafkaConfig config = new KafkaConfig(props, false);
            formatIfNew(logDirectory);
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            KafkaBroker broker = new KafkaBroker(server, logDirectory, brokerPort, controllerPort, deleteOnClose);
            broker.awaitReady();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka could not be started", e);
        }
    }

    private static void formatIfNew(Path logDirectory) throws IOException {
        if (Files.exists(logDirectory.resolve("meta.properties"))) {
            return;
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(Set.of(logDirectory.toString()))
                    .setMetadataLogDirectory(logDirectory.toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .run();
        } catch (Exception e) {
            throw new IOException("formatting the Kafka log directory failed", e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Creates the topics that do not exist yet on the cluster at {@code bootstrapServers}. */
    public static void createTopics(String bootstrapServers, Collection<String> topics, int partitions) {
        try (Admin admin = admin(bootstrapServers)) {
            List<NewTopic> wanted = topics.stream().map(name -> new NewTopic(name, partitions, (short) 1)).toList();
            admin.createTopics(wanted).values().values().forEach(future -> {
                try {
                    future.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("topic creation failed", e.getCause());
                    }
                } catch (InterruptedException | TimeoutException e) {
                    throw new IllegalStateException("topic creation did not finish", e);
                }
            });
        }
    }

    private void awaitReady() {
        try (Admin admin = admin(bootstrapServers())) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka broker did not become ready", e);
        }
    }

    private static Admin admin(String bootstrapServers) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return Admin.create(config);
    }

    /**
     * Shuts the broker down and keeps its log, as a broker restart or crash would; clients see it
     * go away. {@link #startAgain()} brings it back on the same ports with the same data.
     */
    public void stop() {
        server.shutdown();
        server.awaitShutdown();
    }

    /** A new broker on the same ports and log directory as this stopped one. */
    public KafkaBroker startAgain() {
        return start(logDirectory, port, controllerPort, deleteOnClose);
    }

    @Override
    public void close() {
        stop();
        if (deleteOnClose) {
            Directories.delete(logDirectory);
        }
    }
}

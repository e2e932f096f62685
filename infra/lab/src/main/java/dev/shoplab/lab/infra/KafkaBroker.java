package dev.shoplab.lab.infra;

import dev.shoplab.lab.process.ManagedProcess;
import dev.shoplab.lab.process.ProcessLedger;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka broker (KRaft, one node acting as broker and controller) in a JVM of its own
 * with a bounded heap, on free loopback ports, its log and data in the run folder. Ready when the
 * cluster answers an admin call.
 */
public final class KafkaBroker implements AutoCloseable {

    /** Heap of the broker JVM: the default would take a quarter of the machine. */
    public static final String HEAP = "-Xmx512m";

    private final List<String> command;
    private final Path log;
    private final ProcessLedger ledger;
    private final int brokerPort;
    private final KafkaEndpoint endpoint;
    private ManagedProcess process;

    private KafkaBroker(List<String> command, Path log, ProcessLedger ledger, int brokerPort) {
        this.command = command;
        this.log = log;
        this.ledger = ledger;
        this.brokerPort = brokerPort;
        this.endpoint = new KafkaEndpoint("127.0.0.1:" + brokerPort);
    }

    /** Starts the node (formatting its log folder the first time) and waits until it answers. */
    private synchronized void startNode() {
        process = ManagedProcess.start("kafka", command, Map.of(), log, ledger, "TERM", Duration.ofSeconds(30));
        try {
            process.awaitReady(Duration.ofSeconds(60), () -> FreePorts.listening(brokerPort)
                    && endpoint.answers(Duration.ofSeconds(2)), "the cluster answers describeCluster");
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }

    /** Stops the broker cleanly (SIGTERM), keeping its data, as an operator restarting it would. */
    public synchronized void stop() {
        process.close();
    }

    /**
     * Stops the broker as {@link #stop()} does, to be started again at {@code restartsAt}: until {@link #startAgain()}
     * its pid file stays, marked, so that {@code ./shoplab status} shows it stopped by a fault and when it comes back.
     * A broker already stopped only gets the new time.
     */
    public synchronized void stopUntil(Instant restartsAt) {
        process.stopUntil(restartsAt);
    }

    /** Starts the broker again after {@link #stop()} or {@link #stopUntil}: same ports, same data; returns once it answers. */
    public synchronized void startAgain() {
        if (process.isAlive()) {
            throw new IllegalStateException("The Kafka broker still runs (pid " + process.pid() + ")");
        }
        ManagedProcess stopped = process;
        stopped.close(); // drops the stopped broker's pid file, if stopUntil kept it
        try {
            startNode();
        } catch (RuntimeException e) {
            process = stopped; // status shows it stopped, its restart failed; a next startAgain tries again
            try {
                stopped.markRestartFailed(Instant.now());
            } catch (RuntimeException marking) {
                e.addSuppressed(marking);
            }
            throw e;
        }
    }

    /** Formats a fresh log folder under {@code runDir/kafka} and starts the broker; returns once it answers. */
    public static KafkaBroker start(Path runDir, ProcessLedger ledger) {
        Path dir = runDir.resolve("kafka");
        int brokerPort = FreePorts.pick();
        int controllerPort = FreePorts.pick();
        try {
            Files.createDirectories(dir);
            Path config = dir.resolve("server.properties");
            Files.writeString(config, serverProperties(dir.resolve("data"), brokerPort, controllerPort));
            String classpath = brokerClasspath();
            String javaBin = javaExecutable();
            Path log = dir.resolve("kafka.log");

            List<String> command = List.of(javaBin, "-Xms256m", HEAP, "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "-cp", classpath, "dev.shoplab.kafkabroker.KafkaNode", config.toString(),
                    Uuid.randomUuid().toString());
            KafkaBroker broker = new KafkaBroker(command, log, ledger, brokerPort);
            broker.startNode();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka did not start; see " + dir, e);
        }
    }

    public KafkaEndpoint endpoint() {
        return endpoint;
    }

    public synchronized long pid() {
        return process.pid();
    }

    public synchronized ManagedProcess process() {
        return process;
    }

    @Override
    public synchronized void close() {
        process.close();
    }

    /**
     * The lab broker's {@code server.properties}: one KRaft node, broker and controller, on loopback, with its data in
     * {@code dataDir} and its listeners on the ports given (TCP ports of 127.0.0.1). Public so that the cluster's
     * Kafka (infra/k8s) can be checked against the same settings.
     */
    public static String serverProperties(Path dataDir, int brokerPort, int controllerPort) {
        return String.join("\n",
                "# written by the shoplab lab: one KRaft node, broker and controller, loopback only",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + brokerPort,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dataDir,
                "num.partitions=1",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=4",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "num.network.threads=2",
                "num.io.threads=2",
                "");
    }

    /**
     * The broker's jars, resolved by the build (module infra/kafka-broker) and listed in a resource; Kafka's own
     * tools are among them (the bench runs {@code ProducerPerformance} with this class path).
     */
    public static String brokerClasspath() throws IOException {
        try (InputStream in = KafkaBroker.class.getResourceAsStream("/shoplab/kafka-broker.classpath")) {
            if (in == null) {
                throw new IllegalStateException("The Kafka broker classpath is missing from the lab's classpath: "
                        + "build the project with ./mvnw install -DskipTests (module infra/kafka-broker).");
            }
            String classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            for (String jar : classpath.split(File.pathSeparator)) {
                if (!Files.isRegularFile(Path.of(jar))) {
                    throw new IllegalStateException("A jar of the Kafka broker is missing: " + jar
                            + ". Rebuild with ./mvnw install -DskipTests to fetch it again.");
                }
            }
            return classpath + File.pathSeparator + ownLocation();
        }
    }

    /** Where the kafka-broker module's classes are (its jar, or its classes folder in a build). */
    private static String ownLocation() {
        URL url = KafkaBroker.class.getResource("/shoplab/kafka-broker.classpath");
        String spec = url.toString();
        try {
            if (spec.startsWith("jar:")) {
                return Path.of(URI.create(spec.substring(4, spec.indexOf("!/")))).toString();
            }
            return Path.of(url.toURI()).getParent().getParent().toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the Kafka broker module from " + spec, e);
        }
    }

    /** The java launcher of the running JVM, so child JVMs use the same JDK. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}

package dev.shoplab.lab.infra;

import dev.shoplab.lab.process.ManagedProcess;
import dev.shoplab.lab.process.ProcessLedger;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

    private final ManagedProcess process;
    private final KafkaEndpoint endpoint;

    private KafkaBroker(ManagedProcess process, KafkaEndpoint endpoint) {
        this.process = process;
        this.endpoint = endpoint;
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

            List<String> format = List.of(javaBin, "-Xmx256m", "-cp", classpath, "kafka.tools.StorageTool", "format",
                    "-t", Uuid.randomUuid().toString(), "-c", config.toString());
            Process formatting = new ProcessBuilder(format).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!formatting.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || formatting.exitValue() != 0) {
                formatting.destroyForcibly();
                throw new IllegalStateException("Formatting the Kafka log folder failed. Last lines of " + log + ":\n"
                        + ManagedProcess.tail(log, 30));
            }

            List<String> command = new ArrayList<>(List.of(javaBin, "-Xms256m", HEAP, "-XX:+UseG1GC",
                    "-Dlog4j2.configurationFile=none", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "-cp", classpath, "kafka.Kafka", config.toString()));
            ManagedProcess broker = ManagedProcess.start("kafka", command, Map.of(), log, ledger, "TERM",
                    Duration.ofSeconds(20));
            KafkaEndpoint endpoint = new KafkaEndpoint("127.0.0.1:" + brokerPort);
            try {
                broker.awaitReady(Duration.ofSeconds(60), () -> FreePorts.listening(brokerPort)
                        && endpoint.answers(Duration.ofSeconds(2)), "the cluster answers describeCluster");
            } catch (RuntimeException e) {
                broker.close();
                throw e;
            }
            return new KafkaBroker(broker, endpoint);
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka did not start; see " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting Kafka", e);
        }
    }

    public KafkaEndpoint endpoint() {
        return endpoint;
    }

    public long pid() {
        return process.pid();
    }

    public ManagedProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }

    static String serverProperties(Path dataDir, int brokerPort, int controllerPort) {
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

    /** The broker's jars, resolved by the build (module infra/kafka-broker) and listed in a resource. */
    static String brokerClasspath() throws IOException {
        try (InputStream in = KafkaBroker.class.getResourceAsStream("/shoplab/kafka-broker.classpath")) {
            if (in == null) {
                throw new IllegalStateException("The Kafka broker classpath is missing from the lab's classpath: "
                        + "build the project with ./mvnw install -DskipTests (module infra/kafka-broker).");
            }
            String classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            for (String jar : classpath.split(java.io.File.pathSeparator)) {
                if (!Files.isRegularFile(Path.of(jar))) {
                    throw new IllegalStateException("A jar of the Kafka broker is missing: " + jar
                            + ". Rebuild with ./mvnw install -DskipTests to fetch it again.");
                }
            }
            return classpath;
        }
    }

    /** The java launcher of the running JVM, so child JVMs use the same JDK. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}

package dev.shoplab.loadtests.load;

import dev.shoplab.lab.infra.KafkaBroker;
import dev.shoplab.lab.infra.KafkaEndpoint;
import dev.shoplab.loadtests.ceiling.ProducerPerf;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Warms the Kafka broker before the first event-driven run of a bench, with Kafka's own producer and consumer
 * benchmarks ({@code kafka-producer-perf-test}, {@code kafka-consumer-perf-test}) from the broker's jars, shaped
 * like the saga's traffic: small produce requests ({@code linger.ms=0}, one request in flight, {@code acks=all}) at
 * up to {@link #RATE} records/s (≈ 2 700/s on the 2-core machine, ≈ 22 s), fetched as they arrive. The broker is shared by every run and starts cold; without this the first
 * event-driven runs carried its JIT compilation — Kafka's CPU per order 33 ms in the first run, 16 and 12 in the
 * next two, 5–9 ms once warm (ADR 0010, addendum 7).
 */
public final class KafkaWarmUp {

    /** Records sent. */
    public static final int RECORDS = 60_000;
    /** Records per second the producer is held to (the saga sends about 6 per order). */
    public static final int RATE = 4_000;
    /** Bytes per record: the saga's mean record (≈ 450 bytes in the matrix of 2026-12-06). */
    public static final int RECORD_BYTES = 450;
    /** The scratch topic; the architectures never read it. */
    static final String TOPIC = "shoplab-broker-warm-up";
    private static final Duration BOUND = Duration.ofSeconds(60);
    /** The tools log every client setting at INFO; their summary lines are printed either way. */
    private static final String QUIET = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn";

    private KafkaWarmUp() {
    }

    /**
     * Runs the warm-up; its tools' output goes to {@code logDir}.
     *
     * @return seconds taken
     * @throws IllegalStateException when a tool fails or does not end within 60 s (the caller reports it and goes on)
     */
    public static double run(KafkaEndpoint kafka, Path logDir) {
        long start = System.nanoTime();
        kafka.createTopics(Map.of(TOPIC, 4));
        Path consumerLog = logDir.resolve("kafka-warm-up-consumer.log");
        Path producerLog = logDir.resolve("kafka-warm-up-producer.log");
        Process consumer = null;
        Process producer = null;
        try {
            consumer = start("org.apache.kafka.tools.ConsumerPerformance", consumerLog, "--bootstrap-server",
                    kafka.bootstrapServers(), "--topic", TOPIC, "--messages", Integer.toString(RECORDS), "--timeout",
                    "30000", "--fetch-size", "2048");
            producer = start(ProducerPerf.MAIN_CLASS, producerLog, "--topic", TOPIC,
                    "--num-records", Integer.toString(RECORDS), "--record-size", Integer.toString(RECORD_BYTES),
                    "--throughput", Integer.toString(RATE), "--producer-props",
                    "bootstrap.servers=" + kafka.bootstrapServers(), "acks=all", "linger.ms=0", "batch.size=512",
                    "max.in.flight.requests.per.connection=1");
            awaitExit(producer, "producer", producerLog);
            awaitExit(consumer, "consumer", consumerLog);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start Kafka's benchmark tools: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while warming Kafka up", e);
        } finally {
            for (Process p : new Process[] {producer, consumer}) {
                if (p != null && p.isAlive()) {
                    p.destroyForcibly();
                }
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** One of Kafka's tools, from the broker's jars, in a JVM of its own; its output goes to {@code log}. */
    private static Process start(String mainClass, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(KafkaBroker.javaExecutable(), "-Xmx256m", QUIET, "-cp",
                KafkaBroker.brokerClasspath(), mainClass));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        p.getOutputStream().close();
        return p;
    }

    private static void awaitExit(Process p, String tool, Path log) throws InterruptedException {
        if (!p.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("Kafka's " + tool + " benchmark did not end within " + BOUND.toSeconds()
                    + " s; see " + log);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("Kafka's " + tool + " benchmark failed (exit " + p.exitValue() + "); see "
                    + log);
        }
    }
}

package dev.shoplab.loadtests.ceiling;

import dev.shoplab.lab.infra.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own producer benchmark ({@code org.apache.kafka.tools.ProducerPerformance}, what
 * {@code kafka-producer-perf-test.sh} runs), from the broker's jars, in a JVM of its own: the Kafka ceiling of an
 * architecture is the rate at which it sends records of the saga's mean size (ADR 0018).
 */
public final class ProducerPerf {

    /** The tool's main class. */
    public static final String MAIN_CLASS = "org.apache.kafka.tools.ProducerPerformance";
    /** The producer settings: the client's defaults (acks=all, idempotence on, linger 5 ms, 16 KiB batches). */
    public static final Map<String, String> PRODUCER = Map.of("acks", "all");
    /** Its last line: {@code 200000 records sent, 51234.5 records/sec (20.01 MB/sec), 12.3 ms avg latency, …}. */
    private static final Pattern SUMMARY = Pattern.compile("(?m)^(\\d+) records sent, ([0-9.]+) records/sec");

    private ProducerPerf() {
    }

    /** Sends {@code records} records of {@code recordBytes} bytes to {@code topic} as fast as it can; records/s. */
    public static double run(String bootstrapServers, String topic, long records, int recordBytes) {
        List<String> command = new ArrayList<>(List.of(KafkaBroker.javaExecutable(), "-Xmx256m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", brokerClasspath(), MAIN_CLASS,
                "--topic", topic, "--num-records", Long.toString(records), "--record-size",
                Integer.toString(Math.max(1, recordBytes)), "--throughput", "-1", "--producer-props",
                "bootstrap.servers=" + bootstrapServers));
        PRODUCER.forEach((k, v) -> command.add(k + "=" + v));
        return parse(run(command));
    }

    /** The records per second of the tool's summary line. */
    static double parse(String output) {
        Matcher m = SUMMARY.matcher(output);
        double rate = -1;
        while (m.find()) {
            rate = Double.parseDouble(m.group(2)); // the last summary line is the whole run's
        }
        if (rate < 0) {
            throw new IllegalStateException(MAIN_CLASS + " printed no '… records sent, … records/sec' line:\n" + output);
        }
        return rate;
    }

    private static String brokerClasspath() {
        try {
            return KafkaBroker.brokerClasspath();
        } catch (IOException e) {
            throw new UncheckedIOException("The Kafka broker's class path is not readable", e);
        }
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(MAIN_CLASS + " did not end within 120 s");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(MAIN_CLASS + " failed (exit " + p.exitValue() + "):\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + MAIN_CLASS, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + MAIN_CLASS, e);
        }
    }
}

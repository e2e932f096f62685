package dev.shoplab.loadtests.bench;

import dev.shoplab.lab.architecture.Architecture;
import dev.shoplab.lab.infra.Infrastructure;
import dev.shoplab.lab.infra.KafkaEndpoint;
import dev.shoplab.lab.infra.PgbenchScripts;
import dev.shoplab.loadtests.ceiling.Pgbench;
import dev.shoplab.loadtests.ceiling.ProducerPerf;
import dev.shoplab.loadtests.results.Ceiling;
import dev.shoplab.loadtests.results.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Measures an architecture's ceiling right after its saturation run, on the same servers, while nothing else runs
 * (ADR 0018): pgbench runs each of the architecture's scripts ({@code <architecture>/bench/*.pgbench}, one per
 * database, its share of one order) alone; for an architecture on Kafka, Kafka's producer benchmark sends as many
 * records of the saga's mean size as the saturation run wrote per order. The time one order's work takes the
 * machine is the sum of its parts', so the combined ceiling is {@code 1 / Σ (1 / part rate)}.
 */
final class Ceilings {

    /** pgbench clients: as many as the services' connection pools keep busy at the knee, and enough to batch commits. */
    static final int CLIENTS = 8;
    /** Seconds per pgbench part. */
    static final int SECONDS = 6;
    /** Records the producer benchmark sends (a few seconds on two cores). */
    static final long RECORDS = 200_000;
    /** The topic the producer benchmark writes to; the next run's reset deletes it with every other topic. */
    static final String TOPIC = "shoplab-ceiling";

    private Ceilings() {
    }

    /** The ceiling of {@code architecture}; what cannot be measured is a note, never a failure of the bench. */
    static Ceiling measure(BenchContext bench, Architecture architecture, RunResult saturation, Consumer<String> console) {
        String label = "[ceiling] " + architecture.name() + "  ";
        Optional<Infrastructure> servers = bench.stage().servers();
        if (servers.isEmpty()) {
            return new Ceiling(architecture.name(), null, null, null, List.of("the architecture runs elsewhere, on "
                    + "servers that are not the lab's: its ceiling is not measured from here"));
        }
        List<String> notes = new ArrayList<>();
        Ceiling.Sql sql = null;
        List<PgbenchScripts.Script> scripts = PgbenchScripts.in(bench.home().artifact(architecture.name() + "/bench"));
        Optional<Pgbench> pgbench = Pgbench.find();
        if (scripts.isEmpty()) {
            notes.add("no pgbench script in " + architecture.name() + "/bench: no SQL ceiling");
        } else if (pgbench.isEmpty()) {
            notes.add(Pgbench.missing());
            console.accept(label + Pgbench.missing());
        } else {
            try {
                sql = sql(bench, servers.get(), pgbench.get(), scripts, label, console);
            } catch (RuntimeException e) {
                notes.add("pgbench failed: " + e.getMessage());
                console.accept(label + "pgbench failed: " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        Ceiling.Kafka kafka = null;
        if (architecture.needsKafka()) {
            RunResult.KafkaTraffic traffic = saturation.details().kafka();
            if (traffic == null || traffic.eventsPerOrder() <= 0) {
                notes.add("the saturation run's Kafka records are not known: no Kafka ceiling");
            } else {
                try {
                    kafka = kafka(servers.get(), traffic, label, console);
                } catch (RuntimeException e) {
                    notes.add("Kafka's producer benchmark failed: " + e.getMessage());
                    console.accept(label + "Kafka's producer benchmark failed: "
                            + e.getMessage().lines().findFirst().orElse(""));
                }
            }
        }
        Double combined = combine(sql == null ? List.of() : sql.parts().stream()
                .map(Ceiling.SqlPart::scriptsPerSecond).toList(), kafka == null ? null : kafka.ordersPerSecond());
        if (combined != null) {
            console.accept(label + String.format(Locale.ROOT, "ceiling %.0f orders/s%s", combined,
                    saturation.details().kneeRps() == null ? "" : String.format(Locale.ROOT,
                            "; the knee (%.0f orders/s) is %.0f %% of it", saturation.details().kneeRps(),
                            100 * saturation.details().kneeRps() / combined)));
        }
        return new Ceiling(architecture.name(), sql, kafka, combined, List.copyOf(notes));
    }

    /** {@code 1 / Σ (1 / rate)} over the SQL parts' rates and the Kafka ceiling; null when there is nothing. */
    static Double combine(List<Double> sqlParts, Double kafkaOrdersPerSecond) {
        double secondsPerOrder = 0;
        int parts = 0;
        for (double rate : sqlParts) {
            secondsPerOrder += 1 / rate;
            parts++;
        }
        if (kafkaOrdersPerSecond != null) {
            secondsPerOrder += 1 / kafkaOrdersPerSecond;
            parts++;
        }
        return parts == 0 ? null : Math.round(10 / secondsPerOrder) / 10.0;
    }

    private static Ceiling.Sql sql(BenchContext bench, Infrastructure servers, Pgbench pgbench, List<PgbenchScripts.Script> scripts, String label,
                                   Consumer<String> console) {
        List<Ceiling.SqlPart> parts = new ArrayList<>();
        for (PgbenchScripts.Script script : scripts) {
            Pgbench.Result r = pgbench.run(script, servers.postgres(), CLIENTS, SECONDS);
            String file = bench.home().root().relativize(script.file()).toString();
            console.accept(label + String.format(Locale.ROOT, "pgbench %s on %s: %.0f scripts/s, %.1f ms each%s",
                    script.file().getFileName(), script.database(), r.scriptsPerSecond(), r.latencyMs(),
                    r.failed() > 0 ? ", " + r.failed() + " failed" : ""));
            parts.add(new Ceiling.SqlPart(script.database(), file, r.scriptsPerSecond(), r.latencyMs()));
        }
        double perOrder = combine(parts.stream().map(Ceiling.SqlPart::scriptsPerSecond).toList(), null);
        return new Ceiling.Sql(pgbench.version() + " -n -M prepared -c " + CLIENTS + " -j 2 -T " + SECONDS
                + " per part", List.copyOf(parts), perOrder);
    }

    private static Ceiling.Kafka kafka(Infrastructure servers, RunResult.KafkaTraffic traffic, String label,
                                       Consumer<String> console) {
        KafkaEndpoint endpoint = servers.kafka().orElseThrow();
        endpoint.createTopics(Map.of(TOPIC, Math.max(1, traffic.partitions())));
        int bytes = (int) Math.round(traffic.meanRecordBytes());
        double recordsPerSecond = ProducerPerf.run(endpoint.bootstrapServers(), TOPIC, RECORDS, bytes);
        double orders = Math.round(10 * recordsPerSecond / traffic.eventsPerOrder()) / 10.0;
        console.accept(label + String.format(Locale.ROOT, "Kafka producer: %.0f records/s of %d bytes; "
                + "%.2f records per order: %.0f orders/s", recordsPerSecond, bytes, traffic.eventsPerOrder(), orders));
        return new Ceiling.Kafka(ProducerPerf.MAIN_CLASS + " --num-records " + RECORDS + " --throughput -1, "
                + traffic.partitions() + " partitions, acks=all", bytes, traffic.eventsPerOrder(),
                Math.round(recordsPerSecond), orders);
    }
}

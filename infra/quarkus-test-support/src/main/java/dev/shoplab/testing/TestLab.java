package dev.shoplab.testing;

import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.LabRun;
import dev.shoplab.lab.TracesEndpoint;
import dev.shoplab.lab.infra.Durability;
import dev.shoplab.lab.infra.EmbeddedPostgresServer;
import dev.shoplab.lab.infra.KafkaBroker;
import dev.shoplab.lab.infra.KafkaEndpoint;
import dev.shoplab.lab.infra.PostgresEndpoint;
import dev.shoplab.lab.simulators.ProviderSimulators;
import dev.shoplab.traces.TraceReceiver;
import java.nio.file.Path;

/**
 * The real servers of one test JVM, started once and on first use: PostgreSQL always, Kafka, the
 * provider simulators and a trace receiver when a test asks for them. Everything stops when the JVM exits.
 */
public final class TestLab {

    private static TestLab instance;

    private final LabRun run;
    private EmbeddedPostgresServer postgres;
    private KafkaBroker kafka;
    private ProviderSimulators simulators;
    private TraceReceiver traces;

    private TestLab(LabRun run) {
        this.run = run;
    }

    /** The JVM's lab; the first call opens a run folder {@code .shoplab/runs/<time>-test}. */
    public static synchronized TestLab get() {
        if (instance == null) {
            TestLab lab = new TestLab(LabRun.open(LabHome.locate(), "test"));
            Runtime.getRuntime().addShutdownHook(new Thread(lab.run::close, "shoplab-test-lab-stop"));
            instance = lab;
        }
        return instance;
    }

    /** A real PostgreSQL server (fsync off: tests do not survive machine crashes, only process crashes). */
    public synchronized PostgresEndpoint postgres() {
        if (postgres == null) {
            postgres = run.own(EmbeddedPostgresServer.start(run.dir(), Durability.RELAXED, run.ledger()));
        }
        return postgres.endpoint();
    }

    /** A real Kafka broker (KRaft, one node). */
    public synchronized KafkaEndpoint kafka() {
        if (kafka == null) {
            kafka = run.own(KafkaBroker.start(run.dir(), run.ledger()));
        }
        return kafka.endpoint();
    }

    /**
     * The JVM's OTLP trace receiver ({@code infra/traces}), started on first use. From then on every process this lab
     * starts (the simulators, if they were not running yet) sends its spans to it; tests hand its
     * {@link TraceReceiver#endpoint()} to what they start themselves ({@link TracesEndpoint#quarkusConfig()}).
     */
    public synchronized TraceReceiver traces() {
        if (traces == null) {
            traces = run.receiveTraces();
        }
        return traces;
    }

    /** The PSP and mail simulators. */
    public synchronized ProviderSimulators simulators() {
        if (simulators == null) {
            simulators = run.own(ProviderSimulators.start(run));
        }
        return simulators;
    }

    /** The Kafka broker process, for tests that restart it. */
    public synchronized KafkaBroker kafkaBroker() {
        kafka();
        return kafka;
    }

    /** The control token that every admin endpoint of these servers asks for ({@code Authorization: Bearer <token>}). */
    public String controlToken() {
        return run.controlToken().value();
    }

    /** The run folder: logs of every server of this test JVM. */
    public Path runDir() {
        return run.dir();
    }
}

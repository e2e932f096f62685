package dev.shoplab.loadtests.results;

import dev.shoplab.lab.architecture.Architecture;
import dev.shoplab.lab.infra.InfraOptions;
import dev.shoplab.lab.process.ServiceJvm;
import dev.shoplab.loadtests.bench.Deployed;
import dev.shoplab.loadtests.scenario.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a bench is asked to do; {@code warmUp} is the longest each architecture is warmed up, unmeasured,
 * before its load starts (it stops earlier, after a third of it, once throughput is steady; zero:
 * measured cold). {@code rate} (orders/s) overrides every scenario's arrival rate when not null. {@code jit} is
 * the JIT of every service JVM the lab starts (ADR 0010). {@code deployed}, when present, is an architecture deployed
 * elsewhere that the runs drive instead of starting the lab's (then {@code infra} and {@code jit} are not used, and
 * {@code architectures} holds the one deployed). With {@code tracing}, every process the lab starts sends its spans
 * to a receiver in the bench's own process, so that the report's CPU-seconds show what tracing costs the
 * architectures (docs/adr/0014-tracing-with-opentelemetry.md); a deployed architecture's tracing is its platform's
 * business, so the two do not go together.
 *
 * @throws IllegalArgumentException when {@code tracing} is asked of a deployed architecture
 */
public record BenchPlan(List<Architecture> architectures, List<Scenario> scenarios, boolean quick, Double rate,
                        Duration warmUp, Path outDir, InfraOptions infra, ServiceJvm.Jit jit,
                        Optional<Deployed> deployed, boolean tracing) {

    public BenchPlan {
        if (tracing && deployed.isPresent()) {
            throw new IllegalArgumentException("tracing is turned on for the processes the lab starts; a deployed "
                    + "architecture sends its traces where its platform says");
        }
    }

    /** A bench of the lab's own architectures on this machine, with the lab's default JIT, untraced. */
    public BenchPlan(List<Architecture> architectures, List<Scenario> scenarios, boolean quick, Double rate,
                     Duration warmUp, Path outDir, InfraOptions infra) {
        this(architectures, scenarios, quick, rate, warmUp, outDir, infra, ServiceJvm.DEFAULT_JIT, Optional.empty(),
                false);
    }

    /** The longest warm-up when none is asked for: what four cold JVMs need on 2 cores to reach steady throughput. */
    public static Duration defaultWarmUp(boolean quick) {
        return Duration.ofSeconds(quick ? 8 : 30);
    }
}

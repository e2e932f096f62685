package dev.shoplab.loadtests.results;

import dev.shoplab.lab.architecture.Architecture;
import dev.shoplab.lab.infra.InfraOptions;
import dev.shoplab.loadtests.scenario.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a bench is asked to do; {@code warmUp} is the longest each architecture is warmed up, unmeasured,
 * before its load starts (it stops earlier, after a third of it, once throughput is steady; zero:
 * measured cold). {@code rate} (orders/s) overrides every scenario's arrival rate when not null. With
 * {@code tracing}, every process sends its spans to a receiver in the bench's own process, so that the report's
 * CPU-seconds show what tracing costs the architectures (docs/adr/0014-tracing-with-opentelemetry.md).
 */
public record BenchPlan(List<Architecture> architectures, List<Scenario> scenarios, boolean quick, Double rate,
                        Duration warmUp, Path outDir, InfraOptions infra, boolean tracing) {

    /** The longest warm-up when none is asked for: what four cold JVMs need on 2 cores to reach steady throughput. */
    public static Duration defaultWarmUp(boolean quick) {
        return Duration.ofSeconds(quick ? 8 : 30);
    }
}

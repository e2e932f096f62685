package dev.shoplab.loadtests.results;

import dev.shoplab.lab.architecture.Architecture;
import dev.shoplab.lab.infra.InfraOptions;
import dev.shoplab.lab.process.ServiceJvm;
import dev.shoplab.loadtests.scenario.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a bench is asked to do; {@code warmUp} is the longest each architecture is warmed up, unmeasured,
 * before its load starts (it stops earlier, after a third of it, once throughput is steady; zero:
 * measured cold). {@code rate} (orders/s) overrides every scenario's arrival rate when not null. {@code jit} is
 * the JIT of every service JVM (ADR 0010).
 */
public record BenchPlan(List<Architecture> architectures, List<Scenario> scenarios, boolean quick, Double rate,
                        Duration warmUp, Path outDir, InfraOptions infra, ServiceJvm.Jit jit) {

    /** A plan with the lab's default JIT. */
    public BenchPlan(List<Architecture> architectures, List<Scenario> scenarios, boolean quick, Double rate,
                     Duration warmUp, Path outDir, InfraOptions infra) {
        this(architectures, scenarios, quick, rate, warmUp, outDir, infra, ServiceJvm.DEFAULT_JIT);
    }

    /** The longest warm-up when none is asked for: what four cold JVMs need on 2 cores to reach steady throughput. */
    public static Duration defaultWarmUp(boolean quick) {
        return Duration.ofSeconds(quick ? 8 : 30);
    }
}

package dev.shoplab.loadtests.results;

import dev.shoplab.lab.architecture.Architecture;
import dev.shoplab.lab.infra.InfraOptions;
import dev.shoplab.loadtests.bench.Deployed;
import dev.shoplab.loadtests.scenario.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a bench is asked to do; {@code warmUp} is the longest each architecture is warmed up, unmeasured,
 * before its load starts (it stops earlier, after a third of it, once throughput is steady; zero:
 * measured cold). {@code rate} (orders/s) overrides every scenario's arrival rate when not null.
 * {@code deployed}, when present, is an architecture deployed elsewhere that the runs drive instead of starting
 * the lab's (then {@code infra} is not used, and {@code architectures} holds the one deployed).
 */
public record BenchPlan(List<Architecture> architectures, List<Scenario> scenarios, boolean quick, Double rate,
                        Duration warmUp, Path outDir, InfraOptions infra, Optional<Deployed> deployed) {

    /** A bench of the lab's own architectures on this machine. */
    public BenchPlan(List<Architecture> architectures, List<Scenario> scenarios, boolean quick, Double rate,
                     Duration warmUp, Path outDir, InfraOptions infra) {
        this(architectures, scenarios, quick, rate, warmUp, outDir, infra, Optional.empty());
    }

    /** The longest warm-up when none is asked for: what four cold JVMs need on 2 cores to reach steady throughput. */
    public static Duration defaultWarmUp(boolean quick) {
        return Duration.ofSeconds(quick ? 8 : 30);
    }
}

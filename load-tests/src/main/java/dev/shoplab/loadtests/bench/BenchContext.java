package dev.shoplab.loadtests.bench;

import dev.shoplab.lab.InfraStack;
import dev.shoplab.lab.LabHome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * What every run of one bench shares: the checkout, the output folder, the infrastructure (started
 * once per bench; each run gets empty databases), the mode, the warm-up and where progress goes.
 */
record BenchContext(LabHome home, Path outDir, InfraStack stack, boolean quick, Double rate, Duration warmUp,
                    Consumer<String> console) {
}

package dev.shoplab.loadtests.bench;

import dev.shoplab.lab.LabHome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * What every run of one bench shares: the checkout, the output folder, the stage the runs happen on (the lab's
 * servers, started once per bench, or a deployment elsewhere), the mode, the warm-up and where progress goes.
 */
record BenchContext(LabHome home, Path outDir, Stage stage, boolean quick, Double rate, Duration warmUp,
                    Consumer<String> console) {
}

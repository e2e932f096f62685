package dev.shoplab.loadtests.bench;

import dev.shoplab.lab.LabHome;
import dev.shoplab.traces.TraceReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What every run of one bench shares: the checkout, the output folder, the stage the runs happen on (the lab's
 * servers, started once per bench, or a deployment elsewhere), the mode, the warm-up, where progress goes, and
 * with {@code --tracing} the receiver every process the runs start sends its spans to.
 */
record BenchContext(LabHome home, Path outDir, Stage stage, boolean quick, Double rate, Duration warmUp,
                    Consumer<String> console, Optional<TraceReceiver> traces) {
}

package dev.shoplab.loadtests.load;

import dev.shoplab.lab.infra.KafkaBroker;
import dev.shoplab.lab.process.ManagedProcess;
import dev.shoplab.loadtests.simulation.LoadSettings;
import dev.shoplab.loadtests.simulation.ShopSimulation;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Gatling in a JVM of its own running {@link ShopSimulation}, so its CPU is measured apart from the
 * architecture's and a slow architecture cannot slow the load generator's clock.
 */
public final class GatlingLoad {

    private final Process process;
    private final Path recordFile;
    private final Path resultsDir;

    private GatlingLoad(Process process, Path recordFile, Path resultsDir) {
        this.process = process;
        this.recordFile = recordFile;
        this.resultsDir = resultsDir;
    }

    /**
     * Starts the load generator's JVM with {@code settings}; its console goes to {@code dir/gatling.log}. The load
     * itself starts at {@link #go()}, so the JVM can start while the architecture warms up.
     */
    public static GatlingLoad start(Path dir, LoadSettings settings) {
        Path resultsDir = dir.resolve("gatling");
        try { // a bench run again into the same --out: its last run's go and start must not pass for this one's
            Files.deleteIfExists(ShopSimulation.goSignal(settings.recordFile()));
            Files.deleteIfExists(ShopSimulation.startedMarker(settings.recordFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear the last run's markers next to " + settings.recordFile(), e);
        }
        List<String> command = new ArrayList<>(List.of(KafkaBroker.javaExecutable(), "-Xms256m", "-Xmx768m",
                "-XX:+UseParallelGC", "-XX:MaxInlineLevel=20", "-XX:MaxTrivialSize=12",
                // C1 only, like the services (ADR 0010): C2 compiling Gatling itself took most of a core
                "-XX:TieredStopAtLevel=1",
                // what Gatling's own launchers pass: it reads String internals for speed
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "-Dshoplab.load.base-url=" + settings.baseUrl(),
                "-Dshoplab.load.phases=" + LoadSettings.formatPhases(settings.phases()),
                "-Dshoplab.load.client-retries=" + settings.clientRetries(),
                "-Dshoplab.load.request-timeout-ms=" + settings.requestTimeout().toMillis(),
                "-Dshoplab.load.poll-interval-ms=" + settings.pollInterval().toMillis(),
                "-Dshoplab.load.outcome-timeout-ms=" + settings.outcomeTimeout().toMillis(),
                "-Dshoplab.load.sku-count=" + settings.skuCount(),
                "-Dshoplab.load.record-file=" + settings.recordFile(),
                "-Dshoplab.load.slo-ms=" + settings.sloMs(),
                "-Dshoplab.load.stop-after-broken-steps=" + settings.stopAfterBrokenSteps(),
                "-Dgatling.http.requestTimeout=" + settings.requestTimeout().toMillis(),
                "-cp", System.getProperty("java.class.path"),
                "io.gatling.app.Gatling",
                "--simulation", ShopSimulation.class.getName(),
                "--results-folder", resultsDir.toString(),
                "--launcher", "shoplab"));
        try {
            Files.createDirectories(resultsDir);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("gatling.log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            return new GatlingLoad(process, settings.recordFile(), resultsDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Gatling", e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Lets the load start (the simulation waits for this before its first order). */
    public void go() {
        try {
            Files.writeString(ShopSimulation.goSignal(recordFile), Long.toString(System.currentTimeMillis()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot give Gatling its go", e);
        }
    }

    /** Waits for the load to start (after {@link #go()}); returns its start in epoch ms. */
    public long awaitStart(Duration bound) {
        Path marker = ShopSimulation.startedMarker(recordFile);
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (Files.exists(marker) && Files.size(marker) > 0) {
                    return Long.parseLong(Files.readString(marker).trim());
                }
                if (!process.isAlive()) {
                    break;
                }
                process.waitFor(100, TimeUnit.MILLISECONDS);
            } catch (IOException | NumberFormatException e) {
                // the marker is being written: look again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("Gatling did not start its load within " + bound.toSeconds()
                + " s; see " + recordFile.resolveSibling("gatling.log"));
    }

    /** Waits for Gatling to finish; false if the bound passed (it is then killed). Fails if Gatling failed. */
    public boolean awaitEnd(Duration bound) {
        try {
            if (process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("Gatling failed (exit " + process.exitValue() + "). End of "
                            + log() + ":\n" + ManagedProcess.tail(log(), 15));
                }
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        return false;
    }

    private Path log() {
        return recordFile.resolveSibling("gatling.log");
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Gatling's HTML report of this run, if it wrote one. */
    public Optional<Path> report() {
        try (Stream<Path> dirs = Files.list(resultsDir)) {
            return dirs.map(d -> d.resolve("index.html")).filter(Files::isRegularFile).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public void kill() {
        process.destroyForcibly();
    }
}

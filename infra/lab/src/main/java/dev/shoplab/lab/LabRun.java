package dev.shoplab.lab;

import dev.shoplab.lab.infra.FreePorts;
import dev.shoplab.lab.process.ProcessLedger;
import dev.shoplab.traces.TraceReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * One lab command's run: a folder of its own for logs and data ({@code .shoplab/runs/<time>-<label>}),
 * the pid ledger, the control token, where its processes send traces (if anywhere), and the things it started,
 * closed in reverse order when the run ends.
 */
public final class LabRun implements AutoCloseable {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final LabHome home;
    private final Path dir;
    private final ProcessLedger ledger;
    private final ControlToken controlToken;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private volatile TracesEndpoint traces;
    private volatile TraceReceiver receiver;

    private LabRun(LabHome home, Path dir) {
        this.home = home;
        this.dir = dir;
        this.ledger = new ProcessLedger(home.pidDir());
        this.controlToken = ControlToken.of(home);
    }

    /**
     * Opens a run: first stops whatever a killed earlier command left behind and drops the data of ended runs
     * ({@link RunFolders#prune}), then makes the run folder.
     */
    public static LabRun open(LabHome home, String label) {
        new ProcessLedger(home.pidDir()).reapOrphans();
        RunFolders.prune(home);
        try {
            Path dir = home.runsDir().resolve(LocalDateTime.now().format(STAMP) + "-" + label);
            for (int i = 2; Files.exists(dir); i++) {
                dir = home.runsDir().resolve(LocalDateTime.now().format(STAMP) + "-" + label + "-" + i);
            }
            Files.createDirectories(dir);
            RunFolders.markOwner(dir);
            return new LabRun(home, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a run folder under " + home.runsDir(), e);
        }
    }

    public LabHome home() {
        return home;
    }

    /** The run folder: every log of this run is in it. */
    public Path dir() {
        return dir;
    }

    public ProcessLedger ledger() {
        return ledger;
    }

    /** The token that every admin endpoint of what this run starts asks for; each started service gets it. */
    public ControlToken controlToken() {
        return controlToken;
    }

    /**
     * Turns tracing on for every process this run starts from now on (the simulators, the mesh, the architectures'
     * services): each sends its spans to {@code endpoint}. Call it before starting them; processes already running
     * keep what they were started with. Off by default (docs/adr/0014-tracing-with-opentelemetry.md).
     */
    public void sendTracesTo(TracesEndpoint endpoint) {
        this.traces = endpoint;
    }

    /** Where this run's processes send their traces; empty while tracing is off. */
    public Optional<TracesEndpoint> traces() {
        return Optional.ofNullable(traces);
    }

    /**
     * Starts a trace receiver ({@code infra/traces}) on 127.0.0.1, on a free port the lab picks (outside the kernel's
     * ephemeral range, as every port of the lab: {@link FreePorts}), owned by this run, and
     * {@linkplain #sendTracesTo sends} this run's traces to it: what {@code up}, {@code demo} and
     * {@code bench --tracing} do instead of asking for a collector. Call it before starting the processes.
     *
     * @throws java.io.UncheckedIOException when no port can be listened on
     */
    public TraceReceiver receiveTraces() {
        TraceReceiver started = own(TraceReceiver.start("127.0.0.1", FreePorts.pick()));
        receiver = started;
        sendTracesTo(TracesEndpoint.of(started.endpoint()));
        return started;
    }

    /** The receiver {@link #receiveTraces()} started; empty when this run sends its traces elsewhere, or none. */
    public Optional<TraceReceiver> traceReceiver() {
        return Optional.ofNullable(receiver);
    }

    /** Registers something this run started, so {@link #close()} stops it (last started, first stopped). */
    public <T extends AutoCloseable> T own(T thing) {
        synchronized (started) {
            started.push(thing);
        }
        return thing;
    }

    /** Stops everything this run started, newest first; a failure to stop one does not keep the others running. */
    @Override
    public void close() {
        RuntimeException first = null;
        while (true) {
            AutoCloseable next;
            synchronized (started) {
                next = started.poll();
            }
            if (next == null) {
                break;
            }
            try {
                next.close();
            } catch (Exception e) {
                if (first == null) {
                    first = new IllegalStateException("Stopping " + next + " failed: " + e.getMessage(), e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}

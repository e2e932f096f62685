package dev.shoplab.lab.process;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The pid files of every process the lab started, one file a process in {@code <state>/pids}.
 * A lab command killed with SIGKILL cannot stop its children; the next command reads these files
 * and stops whatever an owner that is gone left behind ({@link #reapOrphans}).
 */
public final class ProcessLedger {

    private final Path dir;

    public ProcessLedger(Path dir) {
        this.dir = dir;
    }

    /** Records a process started by the current JVM; returns the record. */
    public OwnedProcess record(String name, ProcessHandle process, String stopSignal, Duration grace) {
        ProcessHandle self = ProcessHandle.current();
        OwnedProcess owned = new OwnedProcess(name, process.pid(), OwnedProcess.startOf(process), self.pid(),
                OwnedProcess.startOf(self), stopSignal, grace);
        write(owned);
        return owned;
    }

    /** Forgets a process (after it was stopped). */
    public void forget(OwnedProcess process) {
        try {
            Files.deleteIfExists(file(process.name(), process.pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every recorded process, alive or not. */
    public List<OwnedProcess> all() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<OwnedProcess> result = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".pid")).sorted().toList()) {
                read(f).ifPresent(result::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    /** Stops the processes whose owner is gone and drops the files of processes that ended; returns what it stopped. */
    public List<OwnedProcess> reapOrphans() {
        return stopWhere(p -> !p.ownerAlive());
    }

    /**
     * Stops every recorded process: first asks each live owner (another lab command in the foreground)
     * to shut down, so it stops its children in order, then stops whatever is left.
     */
    public List<OwnedProcess> stopEverything() {
        long self = ProcessHandle.current().pid();
        all().stream()
                .filter(OwnedProcess::ownerAlive)
                .map(OwnedProcess::ownerPid)
                .filter(owner -> owner != self)
                .distinct()
                .forEach(owner -> Signals.stop(owner, "TERM", Duration.ofSeconds(30)));
        return stopWhere(p -> true);
    }

    private List<OwnedProcess> stopWhere(Predicate<OwnedProcess> which) {
        List<OwnedProcess> stopped = new ArrayList<>();
        // Stop in reverse start order: the newest (the architecture) before what it depends on (the database).
        List<OwnedProcess> candidates = new ArrayList<>(all());
        candidates.sort(Comparator.comparing(OwnedProcess::started).reversed());
        for (OwnedProcess p : candidates) {
            if (p.live().isEmpty()) {
                forget(p);
            } else if (which.test(p)) {
                Signals.stop(p.pid(), p.stopSignal(), p.grace());
                forget(p);
                stopped.add(p);
            }
        }
        return stopped;
    }

    private Path file(String name, long pid) {
        return dir.resolve(name + "-" + pid + ".pid");
    }

    private void write(OwnedProcess p) {
        Properties props = new Properties();
        props.setProperty("name", p.name());
        props.setProperty("pid", Long.toString(p.pid()));
        props.setProperty("started", p.started().toString());
        props.setProperty("owner.pid", Long.toString(p.ownerPid()));
        props.setProperty("owner.started", p.ownerStarted().toString());
        props.setProperty("stop.signal", p.stopSignal());
        props.setProperty("stop.grace", p.grace().toString());
        try {
            Files.createDirectories(dir);
            Path target = file(p.name(), p.pid());
            Path tmp = Files.createTempFile(dir, p.name(), ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp)) {
                props.store(w, "process owned by a shoplab lab command; './shoplab down' stops it");
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the pid file for " + p.name() + " in " + dir, e);
        }
    }

    private static Optional<OwnedProcess> read(Path f) {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(f)) {
            props.load(r);
            return Optional.of(new OwnedProcess(
                    props.getProperty("name"),
                    Long.parseLong(props.getProperty("pid")),
                    Instant.parse(props.getProperty("started")),
                    Long.parseLong(props.getProperty("owner.pid")),
                    Instant.parse(props.getProperty("owner.started")),
                    props.getProperty("stop.signal", "TERM"),
                    Duration.parse(props.getProperty("stop.grace", "PT10S"))));
        } catch (IOException | RuntimeException e) {
            // A torn or foreign file: nothing we can safely act on; leave it for a human.
            return Optional.empty();
        }
    }
}

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
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The pid files of every process the lab started, one file a process in {@code <state>/pids}.
 * A lab command killed with SIGKILL cannot stop its children; the next command reads these files
 * and stops whatever an owner that is gone left behind ({@link #reapOrphans}).
 */
public final class ProcessLedger {

    /** The key of an owner's description that says when its process started ({@link OwnedProcess#startOf}). */
    private static final String STARTED = "started";

    /** The key of an owner's description that says since when it stops ({@link #markOwnerStopping}). */
    public static final String STOPPING = "stopping";

    /** This JVM's writes of its own description, one at a time. */
    private static final Object OWNER_FILE_LOCK = new Object();
    /** Held while this JVM records a process, and while {@link #refuseNewProcesses} turns recording off. */
    private static final Object RECORDING = new Object();
    /** Set by {@link #refuseNewProcesses}: this JVM is stopping, and a process it starts from then on is killed. */
    private static boolean refusing;

    private final Path dir;

    public ProcessLedger(Path dir) {
        this.dir = dir;
    }

    /**
     * Records a process started by the current JVM, whose output goes to {@code log} and whose liveness check is at
     * {@code liveness} (null when it has none); returns the record.
     */
    public OwnedProcess record(String name, ProcessHandle process, String stopSignal, Duration grace, Path log,
                               String liveness) {
        ProcessHandle self = ProcessHandle.current();
        OwnedProcess owned = new OwnedProcess(name, process.pid(), OwnedProcess.startOf(process), self.pid(),
                OwnedProcess.startOf(self), stopSignal, grace, log, null, null, false, liveness);
        synchronized (RECORDING) {
            if (refusing) {
                process.destroyForcibly(); // started while the command stops: nothing would ever stop it
                throw new IllegalStateException(name + " was not started: this command is stopping");
            }
            write(owned);
        }
        return owned;
    }

    /**
     * From now on this JVM records no process: one it starts after this call is killed at once and its start fails.
     * Returns once a record in progress is written, so that {@link #stopOwnedBySelf} after it finds every process
     * this JVM started. For a command stopped by Ctrl-C or SIGTERM while it starts processes on other threads (the
     * services of an architecture start side by side): without it, a service whose start ended after the stop left
     * a JVM running with no command to stop it.
     */
    public static void refuseNewProcesses() {
        synchronized (RECORDING) {
            refusing = true;
        }
    }

    /** True once {@link #refuseNewProcesses} was called: this JVM is stopping (Ctrl-C, SIGTERM). */
    public static boolean refusingNewProcesses() {
        synchronized (RECORDING) {
            return refusing;
        }
    }

    /**
     * Marks a process a fault of the lab takes down on purpose ({@code downAs}: {@code killed} by a kill fault,
     * {@code stopped} by a database or broker restart), to be started again at {@code restartsAt}: its pid file
     * stays, so that {@code ./shoplab status} shows it down and when it comes back, and a command in the foreground
     * does not report it as died; like any process that ended under a live command, it is dropped by
     * {@link #forget} (its restart or its owner's stop), by {@link #stopEverything} or once its owner is gone. A
     * second mark moves the restart time. Does nothing when the file is gone already (forgotten meanwhile).
     *
     * @throws UncheckedIOException when the file cannot be rewritten
     */
    public void markHeldDown(OwnedProcess process, Instant restartsAt, String downAs) {
        if (Files.isRegularFile(file(process.name(), process.pid()))) {
            write(process.heldDown(restartsAt, downAs, false));
        }
    }

    /**
     * Records that a process a fault took down ({@link #markHeldDown}, {@code downAs} as there) did not start again:
     * its restart was tried at {@code triedAt} and failed (the log says why). The pid file is written again even when
     * the restart dropped it, so that {@code ./shoplab status} shows the process down — {@code killed by a fault; its
     * restart at 15:42:10 FAILED} — instead of not at all; it goes the way a held-down process's does
     * ({@link #forget}, {@link #stopEverything}, or once its owner is gone), and a new fault's mark replaces it.
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    public void markRestartFailed(OwnedProcess process, String downAs, Instant triedAt) {
        write(process.heldDown(triedAt, downAs, true));
    }

    /**
     * Says what the current lab command is, for {@code status}: for example {@code command=up monolith},
     * {@code edge=http://127.0.0.1:8080}, {@code logs=<run folder>}. Kept beside the pid files until the command
     * ends ({@link #forgetOwner()}) or is found gone.
     */
    public void describeOwner(Map<String, String> description) {
        synchronized (OWNER_FILE_LOCK) { // the starting thread and the shutdown hook both rewrite it
            writeOwner(description);
        }
    }

    private void writeOwner(Map<String, String> description) {
        Properties props = new Properties();
        props.putAll(description);
        // the pid alone is no identity: a command killed without a word leaves its file, and its pid comes back
        props.put(STARTED, OwnedProcess.startOf(ProcessHandle.current()).toString());
        Path file = ownerFile(ProcessHandle.current().pid());
        // a description written late (the command was still starting when it was asked to stop) keeps the mark
        String stopping = description.getOrDefault(STOPPING, readDescription(file).get(STOPPING));
        if (stopping != null) {
            props.put(STOPPING, stopping);
        }
        try {
            Files.createDirectories(dir);
            // written aside and moved in: another command reading it never sees it half written
            Path written = Files.createTempFile(dir, file.getFileName().toString(), ".new");
            try (Writer w = Files.newBufferedWriter(written)) {
                props.store(w, "a running shoplab command; './shoplab status' shows it");
            }
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot describe this command in " + dir, e);
        }
    }

    /** What a lab command said of itself ({@link #describeOwner}), empty when it said nothing or is gone. */
    public Map<String, String> ownerDescription(long ownerPid) {
        Path file = ownerFile(ownerPid);
        Map<String, String> description = readDescription(file);
        return ownerAlive(file, description) ? description : new TreeMap<>();
    }

    private static Map<String, String> readDescription(Path ownerFile) {
        Map<String, String> description = new TreeMap<>();
        if (Files.isRegularFile(ownerFile)) {
            Properties props = new Properties();
            try (Reader r = Files.newBufferedReader(ownerFile)) {
                props.load(r);
                props.forEach((k, v) -> description.put(k.toString(), v.toString()));
            } catch (IOException e) {
                // torn while the command ended: nothing to show
            }
        }
        return description;
    }

    /**
     * Whether the command that wrote {@code ownerFile} ({@code description}, as read from it) still runs: its pid is
     * alive and started when it said.
     */
    private static boolean ownerAlive(Path ownerFile, Map<String, String> description) {
        Optional<ProcessHandle> owner = ProcessHandle.of(ownerPid(ownerFile)).filter(ProcessHandle::isAlive);
        if (owner.isEmpty()) {
            return false;
        }
        String started = description.get(STARTED);
        try {
            return started == null || OwnedProcess.sameStart(owner.get(), Instant.parse(started));
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /**
     * Marks the current JVM as a running lab command (an empty description unless it gave one), so that
     * another command sees it running before it has started any process ({@link #liveOwners}).
     */
    public void markOwner() {
        if (!Files.isRegularFile(ownerFile(ProcessHandle.current().pid()))) {
            describeOwner(Map.of());
        }
    }

    /**
     * Marks the current command as stopping (Ctrl-C or SIGTERM came; it still holds its ports until what it started
     * has stopped, up to the processes' grace periods), so that {@code status} and a refused command say so instead
     * of "runs". Writes nothing for a command that never described itself.
     *
     * @throws UncheckedIOException when the description cannot be rewritten
     */
    public void markOwnerStopping() {
        synchronized (OWNER_FILE_LOCK) {
            Path file = ownerFile(ProcessHandle.current().pid());
            if (Files.isRegularFile(file)) {
                Map<String, String> description = readDescription(file);
                description.put(STOPPING, Instant.now().toString());
                writeOwner(description);
            }
        }
    }

    /** The pids of the lab commands that are running now (described or marked, and alive). */
    public List<Long> liveOwners() {
        forgetGoneOwners();
        return ownerFiles().stream().map(ProcessLedger::ownerPid).toList();
    }

    /** Drops the current command's description (when it ends). */
    public void forgetOwner() {
        try {
            Files.deleteIfExists(ownerFile(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops the descriptions of commands that ended without saying so (killed). */
    private void forgetGoneOwners() {
        try {
            for (Path f : ownerFiles()) {
                if (!ownerAlive(f, readDescription(f))) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Path> ownerFiles() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("owner-\\d+\\.properties")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long ownerPid(Path ownerFile) {
        String name = ownerFile.getFileName().toString();
        return Long.parseLong(name.substring("owner-".length(), name.length() - ".properties".length()));
    }

    private Path ownerFile(long pid) {
        return dir.resolve("owner-" + pid + ".properties");
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

    /**
     * Stops the processes whose owner is gone and drops the files of ended processes whose owner is gone (one that
     * ended under a live owner stays listed: {@code status} shows it died, or killed by a fault); returns what it
     * stopped.
     */
    public List<OwnedProcess> reapOrphans() {
        return stopWhere(p -> !p.ownerAlive());
    }

    /**
     * Stops every recorded process: first asks each live owner (another lab command in the foreground)
     * to shut down, so it stops its children in order, then stops whatever is left. Returns every process
     * that was running when it was called, whoever stopped it.
     */
    public List<OwnedProcess> stopEverything() {
        long self = ProcessHandle.current().pid();
        // what runs now: the owners stop most of it themselves, and it was stopped all the same
        List<OwnedProcess> running = all().stream().filter(p -> p.live().isPresent()).toList();
        running.stream()
                .filter(OwnedProcess::ownerAlive)
                .map(OwnedProcess::ownerPid)
                .filter(owner -> owner != self)
                .distinct()
                .forEach(owner -> Signals.stop(owner, "TERM", Duration.ofSeconds(30)));
        stopWhere(p -> true);
        return running;
    }

    /**
     * Stops every live process that this JVM started and recorded, newest first: for a command that ends early
     * (SIGTERM, Ctrl-C) without the chance to close what it opened. Returns what it stopped.
     */
    public List<OwnedProcess> stopOwnedBySelf() {
        long self = ProcessHandle.current().pid();
        return stopWhere(p -> p.ownerPid() == self);
    }

    private List<OwnedProcess> stopWhere(Predicate<OwnedProcess> which) {
        forgetGoneOwners();
        List<OwnedProcess> stopped = new ArrayList<>();
        // Stop in reverse start order: the newest (the architecture) before what it depends on (the database).
        List<OwnedProcess> candidates = new ArrayList<>(all());
        candidates.sort(Comparator.comparing(OwnedProcess::started).reversed());
        for (OwnedProcess p : candidates) {
            if (p.live().isEmpty()) {
                if (which.test(p) || !p.ownerAlive()) {
                    forget(p); // one that died, or was killed by a fault, under a live command stays: status shows it
                }
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
        if (p.log() != null) {
            props.setProperty("log", p.log().toString());
        }
        if (p.restartsAt() != null) {
            props.setProperty("restarts.at", p.restartsAt().toString());
            props.setProperty("down.as", p.downAs());
            if (p.restartFailed()) {
                props.setProperty("restart.failed", "true");
            }
        }
        if (p.liveness() != null) {
            props.setProperty("liveness", p.liveness());
        }
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
                    Duration.parse(props.getProperty("stop.grace", "PT10S")),
                    props.getProperty("log") == null ? null : Path.of(props.getProperty("log")),
                    props.getProperty("restarts.at") == null ? null : Instant.parse(props.getProperty("restarts.at")),
                    props.getProperty("restarts.at") == null ? null : props.getProperty("down.as", "killed"),
                    Boolean.parseBoolean(props.getProperty("restart.failed")),
                    props.getProperty("liveness")));
        } catch (IOException | RuntimeException e) {
            // A torn or foreign file: nothing we can safely act on; leave it for a human.
            return Optional.empty();
        }
    }
}

package dev.shoplab.loadtests.live;

import dev.shoplab.lab.cli.ClockTime;
import dev.shoplab.loadtests.DaemonThreads;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shoplab.lab.control.RunningLab;
import dev.shoplab.lab.process.ManagedProcess;
import dev.shoplab.loadtests.audit.Audit;
import dev.shoplab.loadtests.audit.AuditFindings;
import dev.shoplab.loadtests.audit.ProviderLedgers;
import dev.shoplab.loadtests.fault.FaultInjector;
import dev.shoplab.loadtests.fault.LabFaults;
import dev.shoplab.loadtests.scenario.Fault;
import dev.shoplab.loadtests.scenario.Scenario;
import dev.shoplab.loadtests.scenario.ScenarioCatalogue;
import dev.shoplab.loadtests.simulation.LoadSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A running lab driven live, what the control API (docs/control-api.md) and the demo page act on: the load on
 * each architecture, the faults, the scenario being played, the figures of every second and the business damage
 * of every few seconds. Every figure comes from the running system: the load generator, the services' and the
 * mesh's metrics, the databases, the broker and the providers' ledgers. Thread-safe.
 */
public final class LiveLab implements AutoCloseable {

    /** Seconds over which latency percentiles, error rate and retry amplification are taken. */
    static final int WINDOW = 10;
    /** How often the business damage is audited. */
    static final Duration AUDIT_EVERY = Duration.ofSeconds(5);
    /** Seconds of figures a page that opens late gets to draw its charts. */
    static final int HISTORY = 120;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One architecture as the live lab drives and reads it. */
    private final class Live {
        final RunningLab.Started started;
        final LoadFigures figures = new LoadFigures();
        final LiveLoad load;
        final SystemProbe probe;
        final LiveAudit audit = new LiveAudit();
        final Deque<long[]> psp = new ArrayDeque<>(); // {epochSecond, calls}
        final ProcessCpu cpu;
        volatile SystemProbe.Reading reading = new SystemProbe.Reading(0, Map.of(), 0, List.of());
        volatile long readingMs = System.currentTimeMillis();
        volatile double pspPerSecond;
        final Map<String, Double> meshPerSecond = new LinkedHashMap<>();
        final Set<String> dead = new HashSet<>();

        Live(RunningLab.Started started) {
            this.started = started;
            this.load = new LiveLoad(started.running().edgeUrl(), figures);
            this.probe = new SystemProbe(started, lab, events::add);
            this.cpu = new ProcessCpu(() -> started.running().processes().values().stream()
                    .map(ManagedProcess::pid).toList());
        }

        String name() {
            return started.name();
        }
    }

    private final RunningLab lab;
    private final Path scenarios;
    private final TraceSource traces;
    private final LabEvents events = new LabEvents();
    private final Map<String, Live> architectures = new LinkedHashMap<>();
    private final LabFaults faults;
    private final ConsumerLag lag;
    private final Map<String, Long> initialStock = new LinkedHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newScheduledThreadPool(3, DaemonThreads.named("shoplab-live"));
    private final List<Consumer<String>> frameListeners = new CopyOnWriteArrayList<>();
    private final Deque<String> history = new ArrayDeque<>();
    private final Instant started = Instant.now();

    private volatile long consumerLag = -1;
    private volatile ObjectNode damage = JSON.createObjectNode();
    private Playing playing;

    /** A scenario being played: its timeline, its rate steps, and the load to go back to when it ends. */
    private record Playing(Scenario scenario, Instant since, Instant until, FaultInjector timeline,
                           List<ScheduledFuture<?>> steps, Map<String, LiveLoad.Settings> loadBefore) {
    }

    /**
     * Drives {@code lab}: nothing is offered until a load is set; figures are read every second, the damage every
     * {@link #AUDIT_EVERY}.
     *
     * @param scenarios the scenario catalogue's folder ({@code load-tests/scenarios})
     * @param traces    where the trace panel reads traces ({@link TraceSource#NONE} without a receiver)
     */
    public LiveLab(RunningLab lab, Path scenarios, TraceSource traces) {
        this.lab = lab;
        this.scenarios = scenarios;
        this.traces = traces;
        lab.architectures().forEach(a -> architectures.put(a.name(), new Live(a)));
        lab.seed().items().forEach(i -> initialStock.put(i.sku(), (long) i.available()));
        this.faults = new LabFaults(lab.architectures().stream()
                .map(a -> new LabFaults.Target(a.name(), a.running())).toList(),
                lab.stack().simulators().admin(), Optional.of(lab.stack().infrastructure()), events::add);
        boolean kafka = lab.architectures().stream().anyMatch(a -> a.architecture().needsKafka());
        this.lag = kafka ? lab.stack().infrastructure().kafka().map(k -> new ConsumerLag(k.bootstrapServers()))
                .orElse(null) : null;
        for (Live live : architectures.values()) {
            ticker.scheduleWithFixedDelay(() -> probe(live), 0, 1, TimeUnit.SECONDS);
        }
        long untilNextSecond = 1000 - System.currentTimeMillis() % 1000;
        ticker.scheduleAtFixedRate(this::tick, untilNextSecond + 50, 1000, TimeUnit.MILLISECONDS);
        ticker.scheduleWithFixedDelay(this::auditAll, AUDIT_EVERY.toMillis(), AUDIT_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        events.listen(e -> lab.console().accept(ClockTime.of(Instant.ofEpochMilli(e.epochMs())) + "  " + e.text()));
        events.add("lab up: " + String.join(", ", architectures.keySet()));
    }

    // ---- load ----------------------------------------------------------------------------------------------------

    /**
     * Sets the load on the named architectures (all when {@code names} is empty); ends a scenario's own rate steps.
     *
     * @throws IllegalArgumentException for an architecture that does not run
     */
    public synchronized ObjectNode setLoad(LiveLoad.Settings settings, Collection<String> names) {
        List<Live> chosen = choose(names);
        endScenarioLoad();
        chosen.forEach(live -> live.load.set(settings));
        events.add(settings.running()
                ? String.format(Locale.ROOT, "load %s orders/s%s%s%s", rate(settings.ratePerSecond()),
                        settings.idempotencyKeys() ? "" : ", without Idempotency-Key",
                        settings.clientRetries() == 0 ? "" : ", " + settings.clientRetries() + " client retries",
                        names.isEmpty() ? "" : " on " + String.join(", ", names))
                : "load off" + (names.isEmpty() ? "" : " on " + String.join(", ", names)));
        return state();
    }

    // ---- faults --------------------------------------------------------------------------------------------------

    /**
     * Applies a fault at once: a scenario file's fault, in JSON ({@code {"action":"psp","down":true,"for":20}}).
     *
     * @throws dev.shoplab.loadtests.scenario.ScenarioException when the fault is not valid
     * @throws IllegalArgumentException                         when it concerns nothing that runs
     */
    public ObjectNode applyFault(JsonNode body) {
        Fault fault = ScenarioCatalogue.liveFault(body);
        return activeJson(faults.apply(fault), Instant.now());
    }

    /** Lifts one fault; false if no fault has that id. */
    public boolean liftFault(String id) {
        return faults.lift(id);
    }

    /** Every fault off and the mesh's shipped policy back; a scenario being played stops. */
    public ObjectNode clearFaults() {
        synchronized (this) {
            stopScenario();
        }
        faults.clear();
        events.add("all faults off");
        return state();
    }

    // ---- scenarios -----------------------------------------------------------------------------------------------

    /** The catalogue, read from its folder now (an edited file counts at once). */
    public List<Scenario> catalogue() {
        return ScenarioCatalogue.load(scenarios);
    }

    /**
     * Plays a scenario of the catalogue live: its load (rate steps, client retries, request timeout) on every
     * architecture and its fault timeline, from now; the load goes back to what it was when it ends.
     *
     * @throws IllegalArgumentException for an unknown scenario, or one for architectures that do not run
     */
    public synchronized ObjectNode play(String name) {
        List<Scenario> all = catalogue();
        Scenario scenario = all.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown scenario '" + name + "': use one of "
                        + all.stream().map(Scenario::name).collect(Collectors.joining(", "))));
        List<String> concerned = architectures.keySet().stream().filter(scenario::appliesTo).toList();
        if (concerned.isEmpty()) {
            throw new IllegalArgumentException("Scenario '" + name + "' is for " + String.join(", ",
                    scenario.appliesTo()) + ", and none of them runs here");
        }
        stopScenario();
        Map<String, LiveLoad.Settings> before = new LinkedHashMap<>();
        architectures.forEach((n, live) -> before.put(n, live.load.settings()));
        Instant now = Instant.now();
        List<LoadSettings.Phase> phases = scenario.phases(false, null);
        List<ScheduledFuture<?>> steps = new ArrayList<>();
        long at = 0;
        for (LoadSettings.Phase phase : phases) {
            LiveLoad.Settings settings = new LiveLoad.Settings(phase.ratePerSecond(), true, scenario.clientRetries(),
                    scenario.requestTimeout());
            steps.add(ticker.schedule(() -> {
                for (Live live : architectures.values()) {
                    live.load.set(settings);
                }
            }, at, TimeUnit.MILLISECONDS));
            at += phase.duration().toMillis();
        }
        steps.add(ticker.schedule(() -> endOfScenario(scenario), at, TimeUnit.MILLISECONDS));
        FaultInjector timeline = FaultInjector.on(faults, scenario.faults(false));
        timeline.start(now.toEpochMilli());
        playing = new Playing(scenario, now, now.plusMillis(at), timeline, steps, before);
        events.add("scenario " + scenario.name() + " (" + scenario.title() + ") for " + at / 1000 + " s: "
                + scenario.description()
                + (concerned.size() < architectures.size() ? " (made for " + String.join(", ", concerned) + ")" : ""));
        return state();
    }

    /** Stops the scenario being played, if any: what has not happened yet does not; faults on lift at their time. */
    public synchronized boolean stopScenario() {
        if (playing == null) {
            return false;
        }
        Playing stopped = playing;
        playing = null;
        stopped.steps().forEach(f -> f.cancel(false));
        stopped.timeline().close();
        stopped.loadBefore().forEach((n, s) -> architectures.get(n).load.set(s));
        events.add("scenario " + stopped.scenario().name() + " stopped");
        return true;
    }

    private synchronized void endOfScenario(Scenario scenario) {
        if (playing == null || playing.scenario() != scenario) {
            return;
        }
        Playing ended = playing;
        playing = null;
        ended.timeline().close();
        ended.loadBefore().forEach((n, s) -> architectures.get(n).load.set(s));
        events.add("scenario " + scenario.name() + " ended; load back to what it was");
    }

    /** A load set by hand takes over from a scenario's rate steps (its faults go on). */
    private void endScenarioLoad() {
        if (playing != null) {
            playing.steps().forEach(f -> f.cancel(false));
        }
    }

    // ---- traces --------------------------------------------------------------------------------------------------

    public TraceSource traces() {
        return traces;
    }

    /**
     * The slowest order's trace among those that ended in the last {@code window}, of one architecture or any.
     *
     * @throws IllegalArgumentException when that architecture does not run here
     */
    public Optional<TraceSource.TraceView> slowestTrace(Duration window, Optional<String> name) {
        name.ifPresent(n -> choose(List.of(n)));
        return traces.slowest(window, name);
    }

    // ---- reading -------------------------------------------------------------------------------------------------

    /** What runs and what is on: architectures, load, faults, the scenario being played, traces. */
    public synchronized ObjectNode state() {
        Instant now = Instant.now();
        ObjectNode out = JSON.createObjectNode();
        out.put("command", lab.command());
        out.put("since", started.toString());
        out.put("logs", lab.run().dir().toString());
        out.set("infrastructure", infrastructureJson());
        ArrayNode archs = out.putArray("architectures");
        architectures.values().forEach(live -> {
            ObjectNode a = archs.addObject();
            a.put("name", live.name());
            a.put("edge", live.started.running().edgeUrl());
            live.started.running().meshAdminUrl().ifPresent(m -> a.put("meshAdmin", m));
            ArrayNode databases = a.putArray("databases");
            live.started.architecture().databases().forEach(databases::add);
            ObjectNode processes = a.putObject("processes");
            live.started.running().processes().forEach((role, p) -> processes.put(role, p.isAlive() ? "up" : "down"));
            a.set("load", loadJson(live.load.settings()));
        });
        out.set("load", loadJson(commonLoad()));
        ArrayNode on = out.putArray("faults");
        faults.active().forEach(f -> on.add(activeJson(f, now)));
        out.set("ejected", ejectedJson());
        if (playing == null) {
            out.putNull("scenario");
        } else {
            out.putObject("scenario").put("name", playing.scenario().name()).put("title", playing.scenario().title())
                    .put("since", playing.since().toString()).put("until", playing.until().toString())
                    .put("secondsLeft", Math.max(0, Duration.between(now, playing.until()).toSeconds()));
        }
        out.putObject("traces").put("available", traces.available())
                .put("endpoint", traces.endpoint().orElse(null));
        return out;
    }

    /**
     * What the meshes' outlier detection has ejected now ({@code [{"architecture", "destination"}]}): not a fault —
     * it ends after its ejection time (Istio's baseEjectionTime), or when a lifted mesh fault changes the outlier
     * detection back — so the fault list says it apart.
     */
    private ArrayNode ejectedJson() {
        ArrayNode ejected = JSON.createArrayNode();
        architectures.values().forEach(live -> live.reading.meshEjected().forEach(d -> ejected.addObject()
                .put("architecture", live.name()).put("destination", d)));
        return ejected;
    }

    /** The figures of the last complete second, per architecture (or one). */
    public ObjectNode stats(Optional<String> name) {
        long second = System.currentTimeMillis() / 1000 - 1;
        ObjectNode out = JSON.createObjectNode();
        out.put("second", second);
        ObjectNode archs = out.putObject("architectures");
        for (Live live : name.map(n -> choose(List.of(n))).orElse(List.copyOf(architectures.values()))) {
            archs.set(live.name(), figures(live, second));
        }
        return out;
    }

    /** The last audit of every architecture (or one): the seven counts of what lasted, with examples. */
    public ObjectNode audit(Optional<String> name) {
        name.ifPresent(n -> choose(List.of(n)));
        ObjectNode all = damage;
        if (name.isEmpty()) {
            return all.deepCopy();
        }
        ObjectNode one = all.deepCopy();
        ObjectNode archs = (ObjectNode) one.path("architectures");
        if (archs != null && !archs.isMissingNode()) {
            archs.retain(name.get());
        }
        return one;
    }

    /** The events kept, oldest first. */
    public LabEvents events() {
        return events;
    }

    /**
     * Tells {@code listener} every second's frame as JSON ({@code {"t":…,"architectures":{…},"faults":[…],…}}),
     * after the last {@value #HISTORY} seconds of them.
     */
    public void subscribe(Consumer<String> listener) {
        List<String> past;
        synchronized (history) {
            past = new ArrayList<>(history);
        }
        past.forEach(listener);
        frameListeners.add(listener);
    }

    public void unsubscribe(Consumer<String> listener) {
        frameListeners.remove(listener);
    }

    /** The latest damage as JSON (what {@link #audit} answers for all). */
    public ObjectNode damage() {
        return damage.deepCopy();
    }

    /**
     * Stops the load, the scenario and the readings, and forgets the faults: the command stops every process next,
     * so a killed service is not started again only to be stopped.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (playing != null) {
                playing.steps().forEach(f -> f.cancel(false));
                playing.timeline().close();
                playing = null;
            }
        }
        architectures.values().forEach(live -> live.load.close());
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        faults.abandon();
        architectures.values().forEach(live -> live.probe.close());
        if (lag != null) {
            lag.close();
        }
        traces.close();
    }

    // ---- the ticks -----------------------------------------------------------------------------------------------

    private void probe(Live live) {
        try {
            long now = System.currentTimeMillis();
            SystemProbe.Reading reading = live.probe.read();
            double seconds = Math.max(0.2, (now - live.readingMs) / 1000.0);
            live.readingMs = now;
            live.reading = reading;
            live.pspPerSecond = reading.pspCalls() / seconds;
            synchronized (live.psp) {
                live.psp.addLast(new long[] {now / 1000, reading.pspCalls()});
                while (live.psp.size() > WINDOW) {
                    live.psp.removeFirst();
                }
            }
            synchronized (live.meshPerSecond) {
                live.meshPerSecond.clear();
                reading.meshTries().forEach((d, n) -> live.meshPerSecond.put(d, n / seconds));
            }
            if (live.started.architecture().needsKafka() && lag != null) {
                consumerLag = lag.total();
            }
            live.cpu.sample(now);
            watchProcesses(live);
        } catch (RuntimeException e) {
            // a reading that failed this second (a process restarting): the next one tries again
        }
    }

    /** Tells a process that died without a fault asking for it, and one that is back. */
    private void watchProcesses(Live live) {
        List<String> killed = faults.active().stream().filter(f -> f.fault().action() == Fault.Action.KILL)
                .map(f -> f.fault().target()).toList();
        for (Map.Entry<String, ManagedProcess> p : live.started.running().processes().entrySet()) {
            String role = p.getKey();
            if (!p.getValue().isAlive()) {
                if (live.dead.add(role) && killed.stream().noneMatch(target -> role.equals(hostOf(live, target)))) {
                    events.add(process(role, live.name()) + " died (its log is in " + lab.run().dir() + ")");
                }
            } else if (live.dead.remove(role)) {
                events.add(process(role, live.name()) + " is up again");
            }
        }
    }

    /** A process as the event log names it: {@code payment-service of the event-driven}, or {@code the monolith}. */
    private static String process(String role, String architecture) {
        return role.equals(architecture) ? "the " + architecture : role + " of the " + architecture;
    }

    /** The process a kill of {@code target} hits in this architecture, or "" when none. */
    private static String hostOf(Live live, String target) {
        if (live.started.running().processes().containsKey(target)) {
            return target;
        }
        try {
            return target.contains("-") ? "" : live.started.running().hostOf(target);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private void tick() {
        try {
            long second = System.currentTimeMillis() / 1000 - 1;
            ObjectNode frame = JSON.createObjectNode();
            frame.put("t", second * 1000);
            ObjectNode archs = frame.putObject("architectures");
            for (Live live : architectures.values()) {
                archs.set(live.name(), figures(live, second));
            }
            ObjectNode state = state();
            frame.set("load", state.get("load"));
            frame.set("faults", state.get("faults"));
            frame.set("scenario", state.get("scenario"));
            String json = frame.toString();
            synchronized (history) {
                history.addLast(json);
                while (history.size() > HISTORY) {
                    history.removeFirst();
                }
            }
            frameListeners.forEach(l -> l.accept(json));
        } catch (RuntimeException e) {
            events.add("figures failed this second: " + e.getMessage());
        }
    }

    private ObjectNode figures(Live live, long second) {
        LoadFigures.Snapshot s = live.figures.snapshot(second, WINDOW);
        ObjectNode a = JSON.valueToTree(s);
        a.remove(List.of("epochSecond", "offeredInWindow"));
        a.put("errorRate", round(s.errorRate(), 3));
        a.put("pending", live.load.pending());
        long pendingInDatabase = live.reading.pendingInDatabase();
        if (pendingInDatabase >= 0) {
            a.put("pendingInDatabase", pendingInDatabase);
        } else {
            a.putNull("pendingInDatabase");
        }
        a.put("pspCalls", round(live.pspPerSecond, 1));
        long calls;
        synchronized (live.psp) {
            calls = live.psp.stream().mapToLong(c -> c[1]).sum();
        }
        if (s.offeredInWindow() > 0) {
            a.put("retryAmplification", round((double) calls / s.offeredInWindow(), 2));
        } else {
            a.putNull("retryAmplification");
        }
        ObjectNode mesh = a.putObject("meshTries");
        synchronized (live.meshPerSecond) {
            live.meshPerSecond.forEach((d, n) -> mesh.put(d, round(n, 1)));
        }
        if (live.started.running().meshAdminUrl().isPresent()) {
            ArrayNode ejected = a.putArray("meshEjected");
            live.reading.meshEjected().forEach(ejected::add);
        } else {
            a.putNull("meshEjected");
        }
        if (live.started.architecture().needsKafka() && consumerLag >= 0) {
            a.put("consumerLag", consumerLag);
        } else {
            a.putNull("consumerLag");
        }
        ProcessCpu.Window cpu = live.cpu.window(second, WINDOW);
        a.put("cpu", round(cpu.cores(), 2));
        if (s.offeredInWindow() > 0 && cpu.seconds() > 0) {
            a.put("cpuMsPerOrder", round(cpu.cpuSeconds() * 1000 / s.offeredInWindow(), 1));
        } else {
            a.putNull("cpuMsPerOrder");
        }
        a.put("up", live.started.running().processes().values().stream().allMatch(ManagedProcess::isAlive));
        return a;
    }

    private void auditAll() {
        try {
            Instant now = Instant.now();
            ProviderLedgers ledgers = ProviderLedgers.read(lab.stack().simulators().admin());
            Map<String, Set<String>> known = new LinkedHashMap<>();
            Map<String, Audit.Snapshot> snapshots = new LinkedHashMap<>();
            for (Live live : architectures.values()) {
                try {
                    Audit.Snapshot snapshot = Audit.Snapshot.read(lab.stack().infrastructure().postgres(),
                            live.started.architecture().auditQueries());
                    snapshots.put(live.name(), snapshot);
                    Set<String> orders = new HashSet<>(live.load.acknowledged());
                    snapshot.orders().forEach(o -> orders.add(o.orderId()));
                    known.put(live.name(), orders);
                } catch (RuntimeException e) {
                    // its database cannot be read now (PostgreSQL restarting): its last counts stay on the page
                }
            }
            ObjectNode out = JSON.createObjectNode();
            out.put("at", now.toEpochMilli());
            ObjectNode archs = out.putObject("architectures");
            Set<String> everyKnown = new HashSet<>();
            known.values().forEach(everyKnown::addAll);
            for (Live live : architectures.values()) {
                Audit.Snapshot snapshot = snapshots.get(live.name());
                AuditFindings findings = snapshot == null ? live.audit.settled()
                        : live.audit.audit(snapshot, live.load.acknowledged(), initialStock,
                        architectures.size() == 1 ? ledgers : LiveAudit.narrow(ledgers, known.get(live.name())), now);
                archs.set(live.name(), findingsJson(findings, snapshot != null));
            }
            out.put("unattributedCents", architectures.size() == 1 ? 0 : LiveAudit.unattributed(ledgers, everyKnown));
            damage = out;
            String json = JSON.createObjectNode().set("damage", out).toString();
            frameListeners.forEach(l -> l.accept(json));
        } catch (RuntimeException e) {
            // the simulators did not answer (restarting, or busy): the next audit tries again
        }
    }

    private static ObjectNode findingsJson(AuditFindings f, boolean fresh) {
        ObjectNode o = JSON.valueToTree(f); // the seven counts and the examples
        o.put("fresh", fresh);
        return o;
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private List<Live> choose(Collection<String> names) {
        if (names.isEmpty()) {
            return List.copyOf(architectures.values());
        }
        List<Live> chosen = new ArrayList<>();
        for (String n : names) {
            Live live = architectures.get(n);
            if (live == null) {
                throw new IllegalArgumentException("Architecture '" + n + "' does not run here; running: "
                        + String.join(", ", architectures.keySet()));
            }
            chosen.add(live);
        }
        return chosen;
    }

    /** The load every architecture runs, or the first one's when they differ. */
    private LiveLoad.Settings commonLoad() {
        return architectures.values().iterator().next().load.settings();
    }

    /** Where the shared servers answer: what {@code ./shoplab env} hands a shell (psql, curl). */
    private ObjectNode infrastructureJson() {
        ObjectNode infra = JSON.createObjectNode();
        var postgres = lab.stack().infrastructure().postgres();
        infra.putObject("postgres").put("host", postgres.host()).put("port", postgres.port())
                .put("user", postgres.user());
        infra.put("kafka", lab.stack().infrastructure().kafka().map(k -> k.bootstrapServers()).orElse(null));
        infra.put("psp", lab.stack().simulators().pspUrl());
        infra.put("mail", lab.stack().simulators().mailUrl());
        infra.put("simulatorsAdmin", lab.stack().simulators().adminUrl());
        return infra;
    }

    private static ObjectNode loadJson(LiveLoad.Settings s) {
        return JSON.createObjectNode().put("running", s.running()).put("rate", s.ratePerSecond())
                .put("idempotencyKeys", s.idempotencyKeys()).put("clientRetries", s.clientRetries())
                .put("requestTimeoutSeconds", s.requestTimeout().toSeconds());
    }

    private static ObjectNode activeJson(LabFaults.Active f, Instant now) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", f.id());
        o.put("action", f.fault().action().yamlName());
        o.put("what", f.what());
        if (f.fault().target() != null) {
            o.put("target", f.fault().target());
        }
        ObjectNode settings = o.putObject("settings");
        f.fault().settings().forEach((k, v) -> settings.set(k, JSON.valueToTree(v)));
        o.put("since", f.since().toString());
        o.put("until", f.until().toString());
        o.put("secondsLeft", f.secondsLeft(now));
        return o;
    }

    private static String rate(double r) {
        return r == Math.rint(r) ? Long.toString((long) r) : String.format(Locale.ROOT, "%.1f", r);
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}

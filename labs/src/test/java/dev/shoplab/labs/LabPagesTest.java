package dev.shoplab.labs;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.process.ProcessLedger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

/**
 * Every workshop page of {@code docs/labs/} run as an attendee runs it, the way istio.io tests its task pages
 * (ADR 0019): the page's own command blocks ({@code ```sh lab}), pasted in order into one terminal, against a started
 * lab — one {@code ./shoplab demo} shared by every page that needs it, started once — and each block's output checked
 * against the expectations written next to it ({@code <!-- expect: … -->}). A page whose system no longer does what
 * it says fails with the page's name and the file and line of the expectation. A page that changes code runs in a
 * copy of the checkout, so the checkout never changes. A page marked {@code <!-- lab: skip … -->} is reported as
 * skipped, with its reason; so is a page that follows traces while the demo runs no trace receiver.
 *
 * <p>The demo starts in the background as soon as the pages are read, and the pages that need no demo run while it
 * starts (≈ 1–3 minutes that would otherwise be spent waiting); then the others, in the workshop's order.
 */
class LabPagesTest {

    /** How long to wait between two runs of a block that waits for its expectations ({@code until=}). */
    private static final Duration AGAIN_AFTER = Duration.ofSeconds(3);

    private static final LabHome HOME = LabHome.locate();
    private static final Path LABS = HOME.root().resolve("docs/labs");
    private static final Map<String, String> TIMES = new LinkedHashMap<>();
    private static final Instant STARTED = Instant.now();

    private static Path work;
    private static CompletableFuture<SharedDemo> demo;

    @TestFactory
    Stream<DynamicTest> every_lab_page_does_what_it_says() throws IOException {
        // under target/, not /tmp: a build's clean removes it, and a failed run's logs stay beside its reports
        work = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "labs-work");
        List<LabPage> pages = pages();
        assertFalse(pages.isEmpty(), "no lab page in " + LABS);
        String attach = System.getProperty("shoplab.labs.attach", "");
        if (!attach.isBlank()) {
            demo = CompletableFuture.completedFuture(SharedDemo.attach(HOME.root().resolve(attach)));
        } else if (pages.stream().anyMatch(p -> p.needs() == LabPage.Needs.DEMO && p.skip().isEmpty()
                && (!p.runsLong() || !System.getProperty("shoplab.labs", "").isBlank()))) {
            Path state = work.resolve("demo-state");
            ProcessLedger ledger = new ProcessLedger(work.resolve("pids"));
            demo = CompletableFuture.supplyAsync(() -> SharedDemo.start(HOME.root(), state, ledger));
        }
        return pages.stream().sorted(Comparator.comparing(p -> p.needs() == LabPage.Needs.DEMO))
                .map(page -> DynamicTest.dynamicTest(page.name() + " — " + page.title(), page.file().toUri(),
                        () -> verify(page)));
    }

    @AfterAll
    static void stopTheDemoAndReport() throws Exception {
        SharedDemo started = null;
        if (demo != null) {
            try {
                started = demo.join(); // a demo still starting is waited for (bounded by its start), then stopped
                started.close();
            } catch (CompletionException e) {
                // it did not start: the first page that needed it failed with the reason
            }
        }
        StringBuilder report = new StringBuilder("Lab pages verified in "
                + Duration.between(STARTED, Instant.now()).toSeconds() + " s");
        if (started != null) {
            report.append(" (./shoplab demo served its page after ").append(started.startedIn().toSeconds())
                    .append(" s, started beside the pages that need none)");
        }
        report.append(':');
        TIMES.forEach((lab, time) -> report.append("\n  ").append(lab).append("  ").append(time));
        System.out.println(report);
        Files.writeString(Path.of("target", "lab-times.txt"), report + "\n");
    }

    /**
     * The pages in file-name order (the order of the workshop): {@code NN-name.md}; only those whose name starts with
     * one of the comma-separated prefixes of {@code -Dshoplab.labs}, when given ({@code -Dshoplab.labs=03,04}).
     */
    static List<LabPage> pages() {
        List<String> chosen = chosen();
        try (Stream<Path> files = Files.list(LABS)) {
            return files.filter(f -> f.getFileName().toString().matches("\\d\\d-[a-z0-9-]+\\.md")).sorted()
                    .filter(f -> chosen.isEmpty() || chosen.stream().anyMatch(f.getFileName().toString()::startsWith))
                    .map(LabPage::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + LABS, e);
        }
    }

    /** The prefixes {@code -Dshoplab.labs} names; empty for the default ("" or "all"). */
    private static List<String> chosen() {
        return List.of(System.getProperty("shoplab.labs", "").split(",")).stream().map(String::trim)
                .filter(p -> !p.isEmpty() && !p.equals("all")).toList();
    }

    private static void verify(LabPage page) throws Exception {
        if (page.runsLong() && System.getProperty("shoplab.labs", "").isBlank()) {
            String why = "a long lab (its faults take minutes to play out): the default build leaves its commands out"
                    + " to keep within its time; -Dshoplab.labs=all or -Dshoplab.labs=" + page.name().substring(0, 2)
                    + " runs them";
            TIMES.put(page.name(), "skipped: " + why);
            Assumptions.abort(why);
        }
        if (page.skip().isPresent()) {
            TIMES.put(page.name(), "skipped: " + page.skip().get());
            Assumptions.abort("skipped (" + page.at(1) + "): " + page.skip().get());
        }
        if (page.traces() && !demo().tracesAvailable()) {
            String why = "the demo runs no trace receiver (GET /api/lab: traces.available is false), so there is no "
                    + "trace to follow; the page is run as soon as the lab starts one";
            TIMES.put(page.name(), "skipped: " + why);
            Assumptions.abort(why);
        }
        Tools.missingFor(page).ifPresent(missing -> {
            TIMES.put(page.name(), "skipped: " + missing);
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(page.name() + ": " + missing);
            }
            Assumptions.abort(missing);
        });
        Instant t0 = Instant.now();
        String outcome = "failed";
        Path dir = work.resolve(page.name());
        try {
            Path workingDir = switch (page.needs()) {
                case DEMO -> HOME.root();
                case CHECKOUT_COPY -> CheckoutCopy.of(HOME.root(), dir.resolve("checkout"));
                case NOTHING -> HOME.root();
            };
            Map<String, String> environment = page.needs() == LabPage.Needs.DEMO ? demo().environment()
                    : SharedDemo.environment(dir.resolve("state")); // a verb finds no lab there, nor the user's
            try (Shell shell = new Shell(workingDir, environment, dir.resolve("shell"))) {
                for (LabPage.Step step : page.steps()) {
                    run(page, step, shell, dir);
                }
            } finally {
                if (page.needs() == LabPage.Needs.DEMO) {
                    leaveTheDemoAsFound();
                }
            }
            outcome = "ok";
            if (page.needs() == LabPage.Needs.CHECKOUT_COPY) {
                deleteTree(dir.resolve("checkout")); // ≈ 20 MB; the shell's files stay, for the record
            }
        } finally {
            TIMES.put(page.name(), String.format(Locale.ROOT, "%4d s  %s", Duration.between(t0, Instant.now())
                    .toSeconds(), outcome));
        }
    }

    /**
     * Runs one block and checks its output; a block that waits ({@code until=}) is run again every
     * {@link #AGAIN_AFTER} until its expectations hold, for at most its {@code until}.
     */
    private static void run(LabPage page, LabPage.Step step, Shell shell, Path dir) {
        AtomicReference<Shell.Result> last = new AtomicReference<>();
        Supplier<List<String>> attempt = () -> {
            try {
                last.set(shell.run(step.script(), step.timeout()));
            } catch (Shell.TimedOut e) {
                throw new AssertionFailedError(page.name() + ": the block at " + page.at(step.line()) + " "
                        + e.getMessage() + "\n(every block of the page and its output: " + dir + ")");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the block at " + page.at(step.line()) + " ran", e);
            }
            return unmet(page, step, last.get());
        };
        if (step.until().isEmpty()) {
            if (attempt.get().isEmpty()) {
                return;
            }
        } else {
            try {
                // in this thread: a block is never cut off mid-run, the shell stays in step with the page
                Awaitility.await().pollInSameThread().pollDelay(Duration.ZERO).pollInterval(AGAIN_AFTER)
                        .atMost(step.until().get()).until(attempt::get, List::isEmpty);
                return;
            } catch (ConditionTimeoutException e) {
                // the last run's output says what is missing
            }
        }
        Shell.Result result = last.get();
        throw new AssertionFailedError(page.name() + " (\"" + page.title() + "\") does not do what its page "
                + "says:\n  " + String.join("\n  ", unmet(page, step, result))
                + (step.until().isPresent() ? "\n  (the block was run again for " + step.until().get().toSeconds()
                + " s)" : "")
                + "\n-- the block at " + page.at(step.line()) + ":\n" + step.script()
                + "-- its output (exit " + result.exitCode() + "):\n" + result.output()
                + "-- every block of the page and its output: " + dir.resolve("shell"));
    }

    /** The expectations the output misses, each as "file:line: expect … — why". */
    private static List<String> unmet(LabPage page, LabPage.Step step, Shell.Result result) {
        List<String> unmet = new ArrayList<>();
        boolean exitChecked = false;
        for (Expectation e : step.expectations()) {
            exitChecked |= e instanceof Expectation.Exit;
            e.unmet(result.output(), result.exitCode()).ifPresent(why -> unmet.add(page.at(e.line()) + ": expect "
                    + e.written() + " — " + why));
        }
        if (!exitChecked && result.exitCode() != 0) {
            unmet.add(0, page.at(step.line()) + ": the block ended with exit code " + result.exitCode()
                    + " (a block without 'expect: exit N' must succeed)");
        }
        return unmet;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The shared demo, once it has started (it starts in the background when the pages are read). */
    private static SharedDemo demo() {
        try {
            return demo.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("The shared ./shoplab demo did not start: " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    /**
     * What every page's last block does too (ADR 0019): no load, no fault. Done again here so that a page that fails
     * half-way leaves nothing on for the next one.
     */
    private static void leaveTheDemoAsFound() throws Exception {
        try (Shell shell = new Shell(HOME.root(), demo().environment(), work.resolve("cleanup-" + System.nanoTime()))) {
            shell.run("./shoplab load --stop\n./shoplab fault clear\n", Duration.ofMinutes(2));
        } catch (Shell.TimedOut e) {
            throw new IllegalStateException("Cannot stop the load and the faults of the shared demo: " + e.getMessage()
                    + "\n" + demo().output());
        }
    }
}

package dev.shoplab.loadtests.live;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoplab.lab.process.OwnedProcess;
import dev.shoplab.loadtests.browser.HeadlessChromium;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * {@code ./shoplab demo} end to end, as a speaker uses it: the three architectures side by side in a JVM of their
 * own, driven by the verbs from a second "terminal" (this JVM, through the command line) and by the page in a real
 * browser (Debian's chromium through chromium-driver, headless), then stopped with SIGTERM. One demo for the class:
 * starting it costs a minute; the tests run in the order a talk would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveDemoTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ARCHITECTURES = List.of("monolith", "distributed-monolith", "event-driven");
    /** Where screenshots go: test artifacts. */
    private static final Path SHOTS = Path.of("target", "demo-screenshots");

    private static Path state;
    private static DemoProcess demo;
    private static String stateBefore;

    @BeforeAll
    static void startTheDemo() throws Exception {
        // under target/, not /tmp: a build's clean removes it, and a failed run's logs stay beside its reports
        state = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "demo-state");
        stateBefore = System.getProperty("shoplab.state-dir");
        System.setProperty("shoplab.state-dir", state.toString()); // the verbs of this JVM find this demo
        Instant started = Instant.now();
        demo = DemoProcess.start(state, state.resolve("demo.out"), Duration.ofMinutes(6));
        System.out.println("./shoplab demo served its page after " + Duration.between(started, Instant.now()).toSeconds()
                + " s:\n" + demo.output());
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stopTheDemo() throws Exception {
        if (demo != null) {
            demo.close();
        }
        if (stateBefore == null) {
            System.clearProperty("shoplab.state-dir");
        } else {
            System.setProperty("shoplab.state-dir", stateBefore);
        }
    }

    // ---- the control API's door ----------------------------------------------------------------------------------

    @Test
    @Order(1)
    void the_page_is_open_and_the_control_api_asks_for_the_token() {
        var page = DemoProcess.get(demo.pageUrl() + "/", Optional.empty());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("shoplab"), page.body());
        assertEquals(200, DemoProcess.get(demo.pageUrl() + "/chart.umd.min.js", Optional.empty()).statusCode(),
                "Chart.js is served by the lab itself, no CDN");
        var refused = DemoProcess.get(demo.pageUrl() + "/api/lab", Optional.empty());
        assertEquals(401, refused.statusCode());
        assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals(401, DemoProcess.get(demo.pageUrl() + "/api/lab", Optional.of("Bearer not-the-token")).statusCode());
        JsonNode state = demo.api("GET", "/api/lab", null);
        List<String> running = new ArrayList<>();
        state.path("architectures").forEach(a -> running.add(a.path("name").asText()));
        assertEquals(ARCHITECTURES, running);
    }

    @Test
    @Order(2)
    void a_wrong_fault_is_a_422_that_names_the_field_and_changes_nothing() {
        JsonNode problem = demo.api("POST", "/api/lab/faults", "{\"action\":\"psp\",\"errorRate\":2}");
        assertEquals(422, problem.path("status").asInt(), problem.toString());
        assertTrue(problem.path("detail").asText().contains("errorRate"), problem.toString());
        assertEquals(0, demo.api("GET", "/api/lab/faults", null).path("faults").size());
        // a fault id is the path segment as decoded once: %25ZZ is the id "%ZZ", which is no fault (not a 500)
        JsonNode noSuchFault = demo.api("DELETE", "/api/lab/faults/%25ZZ", null);
        assertEquals(404, noSuchFault.path("status").asInt(), noSuchFault.toString());
        assertTrue(noSuchFault.path("detail").asText().contains("'%ZZ'"), noSuchFault.toString());
    }

    @Test
    @Order(3)
    void a_load_body_that_is_no_json_or_names_an_unknown_field_is_told_so_and_starts_nothing() {
        JsonNode truncated = demo.api("PUT", "/api/lab/load", "{\"rate\": 5");
        assertEquals(400, truncated.path("status").asInt(), truncated.toString());
        String detail = truncated.path("detail").asText();
        assertTrue(detail.startsWith("The body is not JSON: Unexpected end-of-input") && detail.contains("(line 1, column"),
                detail);
        assertFalse(detail.contains("Source") || detail.contains("REDACTED"), "no parser internals: " + detail);

        JsonNode misspelt = demo.api("PUT", "/api/lab/load", "{\"rat\": 2}");
        assertEquals(422, misspelt.path("status").asInt(), misspelt.toString());
        assertTrue(misspelt.path("detail").asText().startsWith("rat: no such field; the load takes rate,"), misspelt.toString());
        demo.api("GET", "/api/lab", null).path("architectures").forEach(a -> assertFalse(
                a.path("load").path("running").asBoolean(), "no load started: " + a));
    }

    // ---- the verbs, from a second terminal -----------------------------------------------------------------------

    @Test
    @Order(20)
    void load_starts_the_open_model_on_every_architecture_and_load_stop_ends_it() {
        Verbs on = shoplab("load", "--rate", "2");
        assertEquals(0, on.code(), on.text());
        awaitStats(Duration.ofMinutes(2), stats -> ARCHITECTURES.stream()
                .allMatch(a -> stats.path("architectures").path(a).path("offered").asInt() > 0));
        Verbs off = shoplab("load", "--stop");
        assertEquals(0, off.code(), off.text());
        assertTrue(off.text().contains("no load"), off.text());
        awaitStats(Duration.ofSeconds(30), stats -> ARCHITECTURES.stream()
                .allMatch(a -> stats.path("architectures").path(a).path("offered").asInt() == 0));
    }

    @Test
    @Order(21)
    void a_fault_given_for_lifts_itself() {
        Verbs on = shoplab("fault", "psp", "--latency-ms", "250", "--for", "10");
        assertEquals(0, on.code(), on.text());
        assertEquals(250, demo.simulators("/admin/faults/psp").path("latencyMs").asInt(), "the PSP is slow now");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
                demo.simulators("/admin/faults/psp").path("latencyMs").asInt() == 0
                        && demo.api("GET", "/api/lab/faults", null).path("faults").isEmpty());
        assertTrue(shoplab("fault", "list").text().contains("no fault is on"));
    }

    @Test
    @Order(22)
    void fault_clear_lifts_every_fault_and_restores_the_shipped_mesh_policy() {
        assertEquals(0, shoplab("fault", "mail", "--down").code());
        Verbs mesh = shoplab("fault", "mesh", "--attempts", "0", "--outlier-detection", "off");
        assertEquals(0, mesh.code(), mesh.text());
        assertTrue(mesh.text().contains("attempts 3 → 0"), mesh.text());
        Verbs kill = shoplab("fault", "kill", "payment-service", "--restart-after", "300");
        assertEquals(0, kill.code(), kill.text());

        assertTrue(demo.simulators("/admin/faults/mail").path("down").asBoolean(), "the mail provider is down");
        JsonNode payment = meshPolicy("payment-service");
        assertEquals(0, payment.path("routes").get(0).path("retries").path("attempts").asInt(), payment.toString());
        assertTrue(payment.path("trafficPolicy").path("outlierDetection").isNull(), payment.toString());
        assertEquals("down", processState("distributed-monolith", "payment-service"));
        assertEquals("down", processState("event-driven", "payment-service"));
        assertEquals("up", processState("monolith", "monolith"), "a role kills only the architectures that have it");
        String down = shoplab("status").text();
        List<MatchResult> killed = Pattern.compile("\\s(distributed-monolith|event-driven)-payment-service\\s+pid (\\d+)"
                + "\\s+killed by a fault, restarts at \\d\\d:\\d\\d:\\d\\d \\(in \\d+ s\\)").matcher(down).results().toList();
        assertEquals(List.of("distributed-monolith", "event-driven"), killed.stream().map(m -> m.group(1)).toList(),
                "status shows both payment-services killed, each named with its architecture, and when they return:\n"
                        + down);
        List<String> killedPids = killed.stream().map(m -> m.group(2)).toList();
        Verbs list = shoplab("fault", "list");
        assertTrue(list.text().contains("./shoplab fault lift \"kill-payment-service\""), "a kill's id needs no quoting"
                + " in a URL:\n" + list.text());
        Verbs liftKill = shoplab("fault", "lift", "kill payment-service"); // the id's older spelling, read the same
        assertEquals(0, liftKill.code(), liftKill.text());
        assertTrue(liftKill.text().contains("lifted: payment-service killed"), "lift says what it lifted:\n"
                + liftKill.text());
        assertFalse(liftKill.text().contains("on: payment-service killed"), "lifted:\n" + liftKill.text());

        Verbs clear = shoplab("fault", "clear");
        assertEquals(0, clear.code(), clear.text());
        assertTrue(clear.text().contains("lifted: "), "clear says what it lifted:\n" + clear.text());
        assertTrue(clear.text().contains("no fault is on"), clear.text());
        Verbs none = shoplab("fault", "lift", "psp");
        assertEquals(2, none.code(), none.text());
        assertTrue(none.text().contains("No fault 'psp' is on: './shoplab fault list'"), none.text());
        assertFalse(demo.simulators("/admin/faults/mail").path("down").asBoolean());
        payment = meshPolicy("payment-service");
        assertEquals(3, payment.path("routes").get(0).path("retries").path("attempts").asInt(), payment.toString());
        assertEquals(3, payment.path("trafficPolicy").path("outlierDetection").path("consecutive5xxErrors").asInt());
        assertEquals("up", processState("distributed-monolith", "payment-service"), "events: " + events());
        assertEquals("up", processState("event-driven", "payment-service"), "events: " + events());
        String up = shoplab("status").text();
        assertEquals(2, Pattern.compile("payment-service\\s+pid \\d+\\s+running").matcher(up).results().count(), up);
        killedPids.forEach(pid -> assertFalse(up.contains("pid " + pid + " "), "restarted with a new pid:\n" + up));
    }

    @Test
    @Order(24)
    void the_database_and_the_broker_restart_status_shows_them_down_and_they_come_back_when_lifted_or_says_they_did_not()
            throws Exception {
        for (String[] restart : List.of(new String[] {"db-restart", "restart-database", "PostgreSQL started again"},
                new String[] {"broker-restart", "restart-broker", "Kafka broker started again"})) {
            Verbs on = shoplab("fault", restart[0], "--for", "120");
            assertEquals(0, on.code(), on.text());
            assertTrue(on.text().contains(" for 120 s, until "), "the length asked for, not what is left after the "
                    + "server's stop:\n" + on.text());
            String server = restart[0].equals("db-restart") ? "postgres" : "kafka";
            String down = shoplab("status").text();
            assertTrue(Pattern.compile(server + "\\s+pid \\d+\\s+stopped by a fault, restarts at \\d\\d:\\d\\d:\\d\\d")
                    .matcher(down).find(), "status shows the server down and when it comes back:\n" + down);
            if (server.equals("postgres")) {
                // a lift whose server does not start again (its port taken) says so, and status shows it FAILED
                int port = Integer.parseInt(envValue("PGPORT"));
                try (ServerSocket squatter = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
                    Verbs failed = shoplab("fault", "lift", restart[1]);
                    assertEquals(1, failed.code(), failed.text());
                    assertTrue(failed.text().contains("Lifting 'PostgreSQL stopped' failed"), failed.text());
                    assertTrue(failed.text().contains("./shoplab status' shows what did not start again"),
                            failed.text());
                    String status = shoplab("status").text();
                    assertTrue(Pattern.compile("postgres\\s+pid \\d+\\s+stopped by a fault; its restart at "
                            + "\\d\\d:\\d\\d:\\d\\d FAILED").matcher(status).find(), status);
                }
                Verbs again = shoplab("fault", restart[0], "--for", "120"); // a new fault on it: its lift tries again
                assertEquals(0, again.code(), again.text());
            }
            Verbs lift = shoplab("fault", "lift", restart[1]);
            assertEquals(0, lift.code(), lift.text());
            assertTrue(lift.text().contains("lifted: "), lift.text());
            try {
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> events().contains("off: " + restart[2]));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError(restart[1] + " did not come back; events: " + events(), e);
            }
        }
        awaitStats(Duration.ofMinutes(1), stats -> ARCHITECTURES.stream().allMatch(a ->
                stats.path("architectures").path(a).path("pendingInDatabase").isNumber())
                && stats.path("architectures").path("event-driven").path("consumerLag").isNumber());
    }

    /** A variable {@code ./shoplab env} exports, e.g. {@code PGPORT}. */
    private static String envValue(String name) {
        String env = shoplab("env").text();
        Matcher m = Pattern.compile("export " + name + "='([^']*)'").matcher(env);
        assertTrue(m.find(), name + " in:\n" + env);
        return m.group(1);
    }

    private static List<String> events() {
        List<String> events = new ArrayList<>();
        demo.api("GET", "/api/lab/events", null).path("events").forEach(e -> events.add(e.path("text").asText()));
        return events;
    }

    @Test
    @Order(23)
    void stats_and_audit_print_the_figures_of_every_architecture() {
        Verbs table = shoplab("stats");
        assertEquals(0, table.code(), table.text());
        ARCHITECTURES.forEach(a -> assertTrue(table.text().contains(a), table.text()));
        assertTrue(table.text().contains("PSP requests / s"), table.text());
        Verbs json = shoplab("stats", "--arch", "event-driven", "--json");
        JsonNode one = read(json.text());
        assertEquals(List.of("event-driven"), names(one.path("architectures")));
        await().atMost(Duration.ofSeconds(30)).until(() -> demo.api("GET", "/api/lab/audit", null).has("at"));
        Verbs audit = shoplab("audit");
        assertEquals(0, audit.code(), audit.text());
        ARCHITECTURES.forEach(a -> assertTrue(audit.text().contains(a + ":"), audit.text()));
        assertTrue(audit.text().contains("double charges"), audit.text());
        Verbs unknown = shoplab("stats", "--arch", "mainframe");
        assertEquals(2, unknown.code());
        assertTrue(unknown.text().contains("'mainframe' is not an architecture: use one of monolith,"), unknown.text());
    }

    // ---- the page, in a real browser -----------------------------------------------------------------------------

    @Test
    @Order(10)
    void the_page_shows_a_psp_outage_side_by_side_and_the_recovery() throws Exception {
        WebDriver browser = HeadlessChromium.start(state);
        try {
            browser.get(demo.link());
            await().atMost(Duration.ofSeconds(30)).until(() -> browser.findElements(By.cssSelector("section.column"))
                    .size() == ARCHITECTURES.size());
            await().atMost(Duration.ofSeconds(30)).until(() -> "live".equals(text(browser, "#connection")));

            // load on, from the page
            browser.findElement(By.id("load-rate")).clear();
            browser.findElement(By.id("load-rate")).sendKeys("2");
            browser.findElement(By.id("load-toggle")).click();
            awaitPage(browser, Duration.ofMinutes(3), "every architecture concludes orders",
                    () -> ARCHITECTURES.stream().allMatch(a -> figure(browser, a, "concluded") > 0));
            shot(browser, "1-load-on");

            // one order's trace, picked by its id: an event-driven order, through Kafka to every service
            String orderId = DemoProcess.placeOrder(edgeOf("event-driven")).path("orderId").asText();
            browser.findElement(By.id("trace-order")).sendKeys(orderId);
            awaitTrace(browser, "trace-show", "the trace of event-driven order " + orderId + " through its four "
                    + "services and Kafka", shown -> shown.services().containsAll(List.of("order-service",
                    "inventory-service", "payment-service", "notification-service"))
                    && shown.kinds().containsAll(List.of("SERVER", "PRODUCER", "CONSUMER", "CLIENT"))
                    && shown.timeWentTo().contains("in Kafka") && shown.note().contains(orderId));
            shot(browser, "1-trace-event-driven");
            // the slowest order of the last 10 s of the distributed monolith: every hop through the mesh
            new Select(browser.findElement(By.id("trace-arch"))).selectByValue("distributed-monolith");
            awaitTrace(browser, "trace-slowest", "the slowest distributed-monolith order's trace through the mesh to"
                    + " its four services", shown -> shown.services().containsAll(List.of("order-service",
                    "inventory-service", "payment-service", "notification-service", "mesh"))
                    && shown.note().startsWith("Distributed monolith"));
            shot(browser, "1-trace-distributed-monolith");

            // PSP down
            new Select(browser.findElement(By.id("fault-for"))).selectByValue("60");
            browser.findElement(By.id("fault-psp-down")).click();
            awaitPage(browser, Duration.ofMinutes(2), "the synchronous architectures fail orders and the event-driven"
                    + " backlog grows", () -> figure(browser, "monolith", "failed10") > 0
                    && figure(browser, "distributed-monolith", "failed10") > 0
                    && figure(browser, "event-driven", "pending") >= 10);
            assertTrue(text(browser, "#active-faults").contains("PSP down"), text(browser, "#active-faults"));
            shot(browser, "2-psp-down");
            // the mesh ejects the PSP after three failures in a row: no fault, so no lift ends it; the list says so
            await("fault list shows the distributed monolith's mesh ejecting the PSP").atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofSeconds(2)).until(() -> shoplab("fault", "list").text()
                            .matches("(?s).*still ejected by the distributed-monolith's mesh: [^\\n]*psp-simulator.*"));

            // all faults off: the sync ones stop failing, the backlog drains
            browser.findElement(By.id("faults-off")).click();
            awaitPage(browser, Duration.ofMinutes(4), "the failures stop and the backlog drains",
                    () -> figure(browser, "monolith", "failed10") == 0
                            && figure(browser, "distributed-monolith", "failed10") == 0
                            && figure(browser, "event-driven", "pending") < 10);
            assertEquals("", text(browser, "#active-faults"));
            shot(browser, "3-recovered");
            Verbs recovered = shoplab("fault", "list");
            assertTrue(recovered.text().contains("no fault is on") && !recovered.text().contains("still ejected"),
                    "orders go through the mesh again: nothing ejected\n" + recovered.text());
            // the charts draw straight segments (a smoothed curve bends before a jump: an effect before its cause), and
            // their time axis reads as the clock the event strip shows (hh:mm:ss, not mm:ss that looks like hh:mm)
            Object charts = ((JavascriptExecutor) browser).executeScript("const cs = Object.values(Chart.instances);"
                    + " return [cs.length, cs.every(c => c.data.datasets.every(d => d.tension === 0)),"
                    + " cs[0].scales.x.ticks.map(t => t.label)];");
            List<?> found = (List<?>) charts;
            assertTrue(((Number) found.get(0)).intValue() > 0 && Boolean.TRUE.equals(found.get(1)),
                    "every chart draws straight segments: " + found);
            assertTrue(((List<?>) found.get(2)).stream().allMatch(t -> String.valueOf(t).matches("\\d\\d:\\d\\d:\\d\\d")),
                    "time ticks as hh:mm:ss: " + found);
            browser.findElement(By.id("load-toggle")).click();

            // the monolith and the event-driven system lost nothing and kept no money
            JsonNode audit = demo.api("GET", "/api/lab/audit", null);
            for (String arch : List.of("monolith", "event-driven")) {
                JsonNode d = audit.path("architectures").path(arch);
                for (String count : List.of("lostOrders", "oversoldSkus", "moneyMismatches", "doubleCharges",
                        "duplicateNotifications")) {
                    assertEquals(0, d.path(count).asInt(), arch + " " + count + ": " + d.path("examples"));
                }
            }
        } catch (RuntimeException | AssertionError e) {
            try {
                shot(browser, "failure");
            } catch (RuntimeException shotFailed) {
                e.addSuppressed(shotFailed); // a browser too starved to draw: the first failure is the one to read
            }
            throw e;
        } finally {
            browser.quit();
        }
    }

    // ---- Ctrl-C of a background job ------------------------------------------------------------------------------

    @Test
    @Order(30)
    void sigterm_stops_everything_the_demo_started() throws Exception {
        List<OwnedProcess> started = demo.started();
        assertTrue(started.size() >= 10, "servers, simulators, mesh and nine services: " + started);
        assertTrue(demo.terminate(Duration.ofMinutes(2)), "the demo ends on SIGTERM:\n" + demo.output());
        for (OwnedProcess p : started) {
            assertFalse(ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false),
                    p.name() + " (pid " + p.pid() + ") outlived the demo");
        }
        assertTrue(demo.started().isEmpty(), "the ledger is empty: " + demo.started());
        assertTrue(demo.output().contains("Stopped."), demo.output());
        Verbs nothing = shoplab("stats");
        assertEquals(2, nothing.code(), "a verb run when nothing runs exits 2");
        assertTrue(nothing.text().contains("Nothing is running"), nothing.text());
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /** The command line, in this JVM, as a second terminal runs it. */
    private static Verbs shoplab(String... args) {
        return Verbs.run(args);
    }

    private static void awaitStats(Duration bound, Predicate<JsonNode> condition) {
        await().atMost(bound).pollInterval(Duration.ofSeconds(1))
                .until(() -> condition.test(demo.api("GET", "/api/lab/stats", null)));
    }

    private static JsonNode meshPolicy(String host) {
        String admin = demo.api("GET", "/api/lab", null).path("architectures").get(1).path("meshAdmin").asText();
        var answer = DemoProcess.get(admin + "/admin/policies/" + host, Optional.of("Bearer " + demo.token()));
        return read(answer.body()).path("policy");
    }

    private static String processState(String arch, String role) {
        for (JsonNode a : demo.api("GET", "/api/lab", null).path("architectures")) {
            if (a.path("name").asText().equals(arch)) {
                return a.path("processes").path(role).asText();
            }
        }
        return "";
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static String text(WebDriver browser, String css) {
        List<WebElement> found = browser.findElements(By.cssSelector(css));
        return found.isEmpty() ? "" : found.get(0).getText().trim();
    }

    /** A figure of an architecture's column as the page shows it ({@code –} reads as -1). */
    private static long figure(WebDriver browser, String arch, String fig) {
        String shown = text(browser, "section[data-arch='" + arch + "'] [data-fig='" + fig + "']");
        try {
            return Long.parseLong(shown.replaceAll("[^0-9-]", ""));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void awaitPage(WebDriver browser, Duration bound, String what, java.util.concurrent.Callable<Boolean> condition) {
        try {
            await(what).atMost(bound).pollInterval(Duration.ofSeconds(1)).until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("The page did not show that " + what + " within " + bound.toSeconds() + " s; it shows: "
                    + Map.of("monolith", columnText(browser, "monolith"), "distributed-monolith",
                    columnText(browser, "distributed-monolith"), "event-driven", columnText(browser, "event-driven")), e);
        }
    }

    /** What the trace panel shows: the services and kinds of its waterfall's rows, the time shares, the note. */
    private record TraceShown(List<String> services, List<String> kinds, List<String> timeWentTo, String note) {
    }

    private static TraceShown traceShown(WebDriver browser) {
        List<String> services = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        for (WebElement row : browser.findElements(By.cssSelector("#waterfall .span-row"))) {
            services.add(row.getAttribute("data-service"));
            kinds.add(row.getAttribute("data-kind"));
        }
        List<String> shares = browser.findElements(By.cssSelector("#time-legend li")).stream()
                .map(li -> li.getAttribute("data-who")).toList();
        return new TraceShown(services, kinds, shares, text(browser, "#trace-note"));
    }

    /**
     * Clicks {@code button} of the trace panel until the panel shows what {@code shows} accepts (a trace arrives a
     * second or two after its order ends, each process exporting on its own), for at most a minute.
     */
    private static void awaitTrace(WebDriver browser, String button, String what, Predicate<TraceShown> shows) {
        try {
            await(what).atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                if (shows.test(traceShown(browser))) {
                    return true;
                }
                browser.findElement(By.id(button)).click();
                return false;
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("The trace panel did not show " + what + " within a minute; it shows: "
                    + traceShown(browser), e);
        }
    }

    private static String edgeOf(String arch) {
        for (JsonNode a : demo.api("GET", "/api/lab", null).path("architectures")) {
            if (a.path("name").asText().equals(arch)) {
                return a.path("edge").asText();
            }
        }
        throw new AssertionError(arch + " does not run in the demo");
    }

    private static String columnText(WebDriver browser, String arch) {
        return text(browser, "section[data-arch='" + arch + "'] .figures").replace('\n', ' ');
    }

    private static void shot(WebDriver browser, String name) throws java.io.IOException {
        File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), SHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}

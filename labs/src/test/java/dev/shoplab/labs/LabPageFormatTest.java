package dev.shoplab.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoplab.loadtests.cli.EnvCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page format of ADR 0019, read and checked without running anything: the format itself on a sample page, then
 * every page of {@code docs/labs/} as an instructor teaches from it — its sections, and links to code that lead to
 * the file, the class and the method they name.
 */
class LabPageFormatTest {

    /** The sections every lab page has, in this order (docs/labs/README.md, "Writing a lab"). */
    static final List<String> SECTIONS = List.of("## The question", "## Steps", "## Your turn", "## In the code");

    /** The variables {@code ./shoplab env} sets: a page guards each one it uses (docs/labs/README.md). */
    static final List<String> ENV_VARIABLES = EnvCommand.VARIABLES;

    /** Each architecture as {@code ./shoplab up} names it, and the variable {@code env} prints when it runs. */
    static final Map<String, String> ARCHITECTURES = Map.of("monolith", "MONOLITH",
            "distributed-monolith", "DISTRIBUTED_MONOLITH", "event-driven", "EVENT_DRIVEN");

    /** The first line of a page that needs a lab (ADR 0019). */
    static final String ENV_LINE = "eval \"$(./shoplab env)\"";

    /** A guard, as every page words it: the variable, and the start to name when it is empty. */
    private static final Pattern GUARD = Pattern.compile("^: \"\\$\\{([A-Z_]+):\\?is not set: start \\./shoplab demo"
            + "(?: \\(or \\./shoplab up ([a-z-]+)\\))? in another terminal, then run this block again}\"$");
    private static final Pattern GUARD_START = Pattern.compile("^\\s*: \"?\\$\\{[A-Za-z_]+:?\\?");
    private static final Pattern PSQL = Pattern.compile("(^|[\\s|;&(])psql\\b"); // as Tools finds it
    private static final Pattern FENCE = Pattern.compile("^(`{3,}|~{3,})\\s*(.*?)\\s*$"); // as LabPage reads them

    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\(([^)\\s]+)\\)");
    private static final Pattern DURATION = Pattern.compile("^\\*\\*Duration\\*\\* \\d+ min · \\*\\*Needs running\\*\\* .+");

    @TempDir
    Path dir;

    private static final String PAGE = """
            # Lab 9 — A sample

            **Duration** 5 min · **Needs running** `./shoplab demo`
            <!-- lab: needs demo -->

            ```sh lab
            ./shoplab stats --arch monolith
            ```

            ```text
            accept p50 / p99 ms   7 / 30
            ```
            <!-- expect: /^accept p50 \\/ p99 ms\\s+(\\d+)/ in 1..80 -->
            <!-- expect: no /Exception/ -->

            ```sh
            echo "shown, not run"
            ```

            ```sh lab until=90s timeout=2m
            ./shoplab audit
            false
            ```
            <!-- expect: all /^\\s+lost orders.*?(\\d+)$/ in 0..0 -->
            <!-- expect: exit 1 -->
            """;

    @Test
    void reads_the_blocks_to_run_and_the_expectations_next_to_them() throws IOException {
        LabPage page = LabPage.read(write("09-sample.md", PAGE));

        assertEquals("09-sample", page.name());
        assertEquals("Lab 9 — A sample", page.title());
        assertEquals(LabPage.Needs.DEMO, page.needs());
        assertEquals(Optional.empty(), page.skip());
        assertEquals(2, page.steps().size(), "the plain sh block is shown, not run");

        LabPage.Step stats = page.steps().get(0);
        assertEquals(6, stats.line());
        assertEquals("./shoplab stats --arch monolith\n", stats.script());
        assertEquals(Optional.empty(), stats.until());
        assertEquals(LabPage.DEFAULT_TIMEOUT, stats.timeout());
        assertEquals(List.of(13, 14), stats.expectations().stream().map(Expectation::line).toList());
        assertEquals(0, stats.expectedExit());

        LabPage.Step audit = page.steps().get(1);
        assertEquals(Optional.of(Duration.ofSeconds(90)), audit.until());
        assertEquals(Duration.ofMinutes(2), audit.timeout());
        assertEquals(1, audit.expectedExit());
    }

    @Test
    void a_range_checks_the_first_group_of_the_first_match() {
        Expectation e = Expectation.parse("/^accept p50 \\/ p99 ms\\s+(\\d+)/ in 1..80", dir, 3);
        assertEquals(Optional.empty(), e.unmet("accept p50 / p99 ms   7 / 30\n", 0));
        assertEquals(Optional.of("was 412 (in \"accept p50 / p99 ms   412\"), not within 1..80"),
                e.unmet("accept p50 / p99 ms   412 / 980\n", 0));
        assertTrue(e.unmet("nothing like it", 0).orElseThrow().startsWith("no line matches"));
    }

    @Test
    void all_checks_every_match_and_needs_one() {
        Expectation e = Expectation.parse("all /lost orders\\s+(\\d+)/ in 0..0", dir, 3);
        assertEquals(Optional.empty(), e.unmet("monolith:\n lost orders 0\nevent-driven:\n lost orders 0\n", 0));
        assertTrue(e.unmet("monolith:\n lost orders 0\nevent-driven:\n lost orders 2\n", 0).isPresent());
        assertTrue(e.unmet("", 0).isPresent());
    }

    @Test
    void no_and_exit_and_decimals() {
        assertTrue(Expectation.parse("no /Exception/", dir, 1).unmet("java.lang.IllegalStateException", 0).isPresent());
        assertEquals(Optional.empty(), Expectation.parse("no /Exception/", dir, 1).unmet("all fine", 0));
        assertEquals(Optional.of("exit code 0, not 1"), Expectation.parse("exit 1", dir, 1).unmet("", 0));
        assertEquals(Optional.empty(), Expectation.parse("/amplification\\s+([0-9.]+)/ in 12..17.5", dir, 1)
                .unmet("retry amplification   16.0", 0));
    }

    @Test
    void a_mistake_in_a_page_is_refused_with_its_file_and_line() throws IOException {
        Path page = write("01-wrong.md", PAGE.replace("in 1..80", "between 1 and 80"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabPage.read(page));
        assertTrue(e.getMessage().startsWith(page + ":13: cannot read the expectation"), e.getMessage());

        Path noNeeds = write("02-wrong.md", PAGE.replace("<!-- lab: needs demo -->", ""));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LabPage.read(noNeeds)).getMessage()
                .contains("no <!-- lab: needs"));

        Path badOption = write("03-wrong.md", PAGE.replace("until=90s", "until=soon"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LabPage.read(badOption)).getMessage()
                .startsWith(badOption + ":20: unknown option 'until=soon'"));

        Path noGroup = write("04-wrong.md", PAGE.replace("(\\d+)/ in 1..80", "\\d+/ in 1..80"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LabPage.read(noGroup)).getMessage()
                .contains(":13: a range needs a (group)"));
    }

    @Test
    void a_long_page_says_so() throws IOException {
        assertTrue(LabPage.read(write("07-long.md", PAGE.replace("<!-- lab: needs demo -->",
                "<!-- lab: needs demo -->\n<!-- lab: long -->"))).runsLong());
        assertFalse(LabPage.read(write("08-short.md", PAGE)).runsLong());
    }

    @Test
    void a_skipped_page_says_why() throws IOException {
        LabPage page = LabPage.read(write("11-later.md", PAGE.replace("<!-- lab: needs demo -->",
                "<!-- lab: needs demo -->\n<!-- lab: skip tracing is not in this build yet -->")));
        assertEquals(Optional.of("tracing is not in this build yet"), page.skip());
    }

    @Test
    void a_page_guards_every_variable_of_env_it_uses_and_no_other() throws IOException {
        String eval = ENV_LINE + "\n";
        String monolith = guardFor("MONOLITH", "monolith") + "\n";
        String curl = "curl -s \"$MONOLITH/api/orders/1\"\n";
        assertEquals(List.of(), guardProblems(eval + monolith + curl));
        assertEquals(List.of(), guardProblems(eval + guardFor("MONOLITH", null) + "\n" + curl));

        assertEquals(List.of("07-guards.md:8: uses $MONOLITH without its guard: add '" + guardFor("MONOLITH", null)
                + "' after " + ENV_LINE + " in the first block"), guardProblems(eval + curl));
        assertEquals(List.of("07-guards.md:10: uses psql (PGHOST, PGPORT and PGUSER of ./shoplab env) or $PGHOST "
                + "without its guard: add '" + guardFor("PGHOST", "monolith") + "' after " + ENV_LINE + " in the first "
                + "block"),
                guardProblems(eval + monolith + curl + "psql -d monolith -c 'SELECT 1'\n"));
        assertEquals(List.of("07-guards.md:9: guards EVENT_DRIVEN, which the page does not use"),
                guardProblems(eval + monolith + guardFor("EVENT_DRIVEN", "monolith") + "\n" + curl));
        assertEquals(List.of("07-guards.md:7: the first block starts with " + ENV_LINE + ", then its guards"),
                guardProblems(monolith + curl));
        assertTrue(guardProblems(eval + ": \"${MONOLITH:?start the demo}\"\n" + curl).get(0)
                .startsWith("07-guards.md:8: a guard is worded as on every page: "));
        assertEquals(List.of("07-guards.md:10: a guard goes right after " + ENV_LINE + " in the first block"),
                guardProblems(eval + monolith + curl + monolith));

        String both = curl + "curl -s \"$EVENT_DRIVEN/api/orders/1\"\n";
        assertEquals(List.of(), guardProblems(eval + guardFor("MONOLITH", null) + "\n" + guardFor("EVENT_DRIVEN", null)
                + "\n" + both));
        assertEquals(List.of("07-guards.md:9: the page needs EVENT_DRIVEN, which ./shoplab up monolith does not print: "
                + "its guards name ./shoplab demo only"),
                guardProblems(eval + monolith + guardFor("EVENT_DRIVEN", "monolith") + "\n" + both));
        // a page that needs one architecture guards its edge even when it reaches it only through psql or the verbs
        String psql = "psql -d ed_order -c 'SELECT 1'\n";
        assertEquals(List.of(), guardProblems(eval + guardFor("EVENT_DRIVEN", "event-driven") + "\n"
                + guardFor("PGHOST", "event-driven") + "\n" + psql));
        assertEquals(List.of("07-guards.md:8: the page names ./shoplab up event-driven: guard EVENT_DRIVEN too, or a lab "
                + "of another architecture passes its guards"),
                guardProblems(eval + guardFor("PGHOST", "event-driven") + "\n" + psql));
    }

    /** The guard problems of a sample page whose first block is {@code block}, after six lines of heading. */
    private List<String> guardProblems(String block) throws IOException {
        Path file = write("07-guards.md", """
                # Lab 7 — Guards

                **Duration** 5 min · **Needs running** `./shoplab demo`
                <!-- lab: needs demo -->

                ```sh lab
                """ + block + "```\n");
        List<String> problems = guardProblems(LabPage.read(file), Files.readAllLines(file));
        return problems.stream().map(p -> p.replace(file.getParent() + "/", "")).toList();
    }

    @TestFactory
    Stream<DynamicTest> every_page_has_what_an_instructor_teaches_from() {
        return LabPagesTest.pages().stream().map(page -> DynamicTest.dynamicTest(page.name(), page.file().toUri(), () -> {
            List<String> problems = problems(page, Files.readAllLines(page.file()));
            assertTrue(problems.isEmpty(), page.name() + " is not a page an instructor can teach from:\n  "
                    + String.join("\n  ", problems));
        }));
    }

    @Test
    void a_link_to_code_must_lead_to_the_class_and_the_method_it_names() throws IOException {
        Path code = Files.createDirectories(dir.resolve("src")).resolve("Payments.java");
        Files.writeString(code, "final class Payments {\n    public Result charge(long cents) {\n    }\n}\n");
        Path page = dir.resolve("page.md");
        assertEquals(List.of(), linkProblems(page, 1, "[`Payments.charge`](src/Payments.java)"));
        assertEquals(List.of(page + ":1: `Payments.refund` links to src/Payments.java, which declares no method "
                + "refund"), linkProblems(page, 1, "[`Payments.refund`](src/Payments.java)"));
        assertEquals(List.of(page + ":1: `Ledger` links to src/Payments.java, which declares no class Ledger"),
                linkProblems(page, 1, "[`Ledger`](src/Payments.java)"));
        assertEquals(List.of(page + ":1: the link to src/Gone.java leads nowhere"),
                linkProblems(page, 1, "see [it](src/Gone.java#L3)"));
        assertEquals(List.of(), linkProblems(page, 1, "[istio](https://istio.io) [up](#steps)"));
    }

    /** What keeps a page from being one an instructor can teach from; empty when nothing does. */
    static List<String> problems(LabPage page, List<String> lines) {
        List<String> problems = new ArrayList<>();
        Matcher number = Pattern.compile("^(\\d+)-").matcher(page.name());
        String expectedTitle = number.find() ? "Lab " + Integer.parseInt(number.group(1)) + " — " : "Lab N — ";
        if (!page.title().startsWith(expectedTitle)) {
            problems.add(page.at(1) + ": the title starts with '" + expectedTitle + "', the file's number");
        }
        int firstSection = lines.size();
        int previous = -1;
        for (String section : SECTIONS) {
            int at = lines.indexOf(section);
            if (at < 0) {
                problems.add(page.at(1) + ": no section '" + section + "'");
            } else if (at < previous) {
                problems.add(page.at(at + 1) + ": '" + section + "' comes before the section it follows");
            } else {
                previous = at;
                firstSection = Math.min(firstSection, at);
            }
        }
        if (lines.subList(0, firstSection).stream().noneMatch(l -> DURATION.matcher(l).matches())) {
            problems.add(page.at(1) + ": no line '**Duration** N min · **Needs running** …' before the first section");
        }
        int turn = lines.indexOf("## Your turn");
        int code = lines.indexOf("## In the code");
        if (turn >= 0 && code > turn) {
            String yourTurn = String.join("\n", lines.subList(turn, code));
            if (!yourTurn.contains("<details>") || !yourTurn.contains("<summary>") || !yourTurn.contains("</details>")) {
                problems.add(page.at(turn + 1) + ": 'Your turn' asks a question and folds its answer in "
                        + "<details><summary>…</summary> … </details>");
            }
        }
        if (code >= 0 && lines.subList(code, lines.size()).stream().noneMatch(l -> l.matches(".*\\]\\([^)]*/src/.*"))) {
            problems.add(page.at(code + 1) + ": 'In the code' links no source file");
        }
        for (LabPage.Step step : page.steps()) {
            if (!step.expectations().isEmpty()) {
                int first = step.expectations().get(0).line();
                if (lines.subList(step.line(), first - 1).stream().noneMatch(l -> l.contains("What you should see"))) {
                    problems.add(page.at(first) + ": the output this checks is not described in words: write "
                            + "'**What you should see**' between the block (line " + step.line() + ") and its checks");
                }
            }
        }
        problems.addAll(guardProblems(page, lines));
        for (int i = 0; i < lines.size(); i++) {
            problems.addAll(linkProblems(page.file(), i + 1, lines.get(i)));
        }
        return problems;
    }

    /**
     * What is wrong with how a page reaches the lab (docs/labs/README.md, "Writing a lab"): a page that needs the demo
     * starts its first {@code sh lab} block with {@code eval "$(./shoplab env)"}; right after it comes one guard per
     * variable of {@code env} that the page's shell blocks use ({@code psql} counts as {@code PGHOST}), all worded
     * alike and naming the same start, and none for a variable the page does not use — except the edge of the one
     * architecture the page names, which tells a lab of another architecture apart. Without its guard, an empty variable fails the page's next command far from the cause ({@code curl: URL
     * using bad/illegal format}) or sends it to the wrong place.
     */
    static List<String> guardProblems(LabPage page, List<String> lines) {
        List<String> problems = new ArrayList<>();
        int fence = page.steps().get(0).line(); // the first block's opening fence: its commands start on the next line
        List<String> first = page.steps().get(0).script().lines().toList();
        boolean startsWithEnv = !first.isEmpty() && first.get(0).equals(ENV_LINE);

        // the guards: the lines right after the eval
        Map<String, Integer> guards = new LinkedHashMap<>();
        Set<Integer> guardLines = new HashSet<>();
        Set<String> starts = new LinkedHashSet<>();
        for (int i = startsWithEnv ? 1 : 0; i < first.size() && GUARD_START.matcher(first.get(i)).find(); i++) {
            int at = fence + 1 + i;
            guardLines.add(at);
            Matcher guard = GUARD.matcher(first.get(i));
            if (!guard.matches()) {
                problems.add(page.at(at) + ": a guard is worded as on every page: " + guardFor("NAME", null)
                        + ", with ' (or ./shoplab up A)' after demo when the page needs one architecture only");
            } else if (guards.putIfAbsent(guard.group(1), at) != null) {
                problems.add(page.at(at) + ": " + guard.group(1) + " is guarded twice");
            } else {
                starts.add(guard.group(2) == null ? "" : guard.group(2));
            }
        }
        if (!startsWithEnv && (page.needs() == LabPage.Needs.DEMO || !guardLines.isEmpty())) {
            problems.add(page.at(fence + 1) + ": the first block starts with " + ENV_LINE + ", then its guards");
        }
        String up = starts.size() == 1 && !starts.contains("") ? starts.iterator().next() : null;
        if (starts.size() > 1) {
            problems.add(page.at(fence + 2) + ": every guard of a page names the same start, not " + starts.stream()
                    .map(s -> s.isEmpty() ? "./shoplab demo" : "./shoplab demo (or ./shoplab up " + s + ")").toList());
        } else if (up != null && !ARCHITECTURES.containsKey(up)) {
            problems.add(page.at(fence + 2) + ": there is no './shoplab up " + up + "': the architectures are "
                    + ARCHITECTURES.keySet().stream().sorted().toList());
        }

        // where the page's shell blocks, run ('sh lab') or shown ('sh'), use each variable
        Map<String, Integer> uses = new LinkedHashMap<>();
        String open = null;
        boolean shell = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher f = FENCE.matcher(line);
            if (open == null) {
                if (f.matches()) {
                    open = f.group(1);
                    shell = f.group(2).matches("sh(\\s.*)?");
                }
                continue;
            }
            if (f.matches() && f.group(1).startsWith(open) && f.group(2).isEmpty()) {
                open = null;
            } else if (shell && !guardLines.contains(i + 1)) {
                if (GUARD_START.matcher(line).find()) {
                    problems.add(page.at(i + 1) + ": a guard goes right after " + ENV_LINE + " in the first block");
                }
                for (String variable : ENV_VARIABLES) {
                    if (Pattern.compile("\\$\\{?" + variable + "\\b").matcher(line).find()) {
                        uses.putIfAbsent(variable, i + 1);
                    }
                }
                if (PSQL.matcher(line).find()) {
                    uses.putIfAbsent("PGHOST", i + 1);
                }
            }
        }

        uses.forEach((variable, at) -> {
            if (!guards.containsKey(variable)) {
                problems.add(page.at(at) + ": uses " + (variable.equals("PGHOST") ? "psql (PGHOST, PGPORT and PGUSER "
                        + "of ./shoplab env) or $PGHOST" : "$" + variable) + " without its guard: add '"
                        + guardFor(variable, up) + "' after " + ENV_LINE + " in the first block");
            }
        });
        if (up != null && ARCHITECTURES.containsKey(up) && !guards.containsKey(ARCHITECTURES.get(up))) {
            problems.add(page.at(fence + 2) + ": the page names ./shoplab up " + up + ": guard " + ARCHITECTURES.get(up)
                    + " too, or a lab of another architecture passes its guards");
        }
        guards.forEach((variable, at) -> {
            if (!ENV_VARIABLES.contains(variable)) {
                problems.add(page.at(at) + ": guards " + variable + ", which ./shoplab env does not print");
            } else if (!uses.containsKey(variable) && !variable.equals(ARCHITECTURES.get(up))) {
                problems.add(page.at(at) + ": guards " + variable + ", which the page does not use"
                        + (variable.startsWith("PG") ? " (psql counts as a use of PGHOST, which env prints with PGPORT "
                        + "and PGUSER)" : ""));
            } else if (up != null && ARCHITECTURES.containsValue(variable) && !variable.equals(ARCHITECTURES.get(up))) {
                problems.add(page.at(at) + ": the page needs " + variable + ", which ./shoplab up " + up
                        + " does not print: its guards name ./shoplab demo only");
            }
        });
        return problems;
    }

    /** The guard of {@code variable}, worded as every page words it. */
    static String guardFor(String variable, String up) {
        return ": \"${" + variable + ":?is not set: start ./shoplab demo" + (up == null ? "" : " (or ./shoplab up " + up
                + ")") + " in another terminal, then run this block again}\"";
    }

    /**
     * What is wrong with the relative links of one line: a link must lead to a file; a link to Java code whose text
     * names {@code `Class`} or {@code `Class.method`} must lead to a file that declares them.
     */
    static List<String> linkProblems(Path page, int line, String text) {
        List<String> problems = new ArrayList<>();
        Matcher link = LINK.matcher(text);
        while (link.find()) {
            String target = link.group(2);
            if (target.matches("^[a-z]+:.*") || target.startsWith("#")) {
                continue;
            }
            String file = target.replaceFirst("#.*$", "");
            Path resolved = page.getParent().resolve(file).normalize();
            if (!Files.exists(resolved)) {
                problems.add(page + ":" + line + ": the link to " + file + " leads nowhere");
                continue;
            }
            Matcher named = Pattern.compile("^`([A-Z]\\w*)(?:[.#](\\w+))?(?:\\(\\))?`$").matcher(link.group(1));
            if (!file.endsWith(".java") || !named.matches()) {
                continue;
            }
            String source;
            try {
                source = Files.readString(resolved);
            } catch (IOException e) {
                problems.add(page + ":" + line + ": cannot read " + file + ": " + e.getMessage());
                continue;
            }
            Pattern type = Pattern.compile("\\b(class|interface|record|enum)\\s+" + named.group(1) + "\\b");
            // a declaration: modifiers and a type before the name (a call is "x.name(" or "return name(")
            Pattern method = Pattern.compile("(?m)^\\s+(?!return\\b|throw\\b|new\\b)(?:[\\w<>\\[\\],.?@]+\\s+)+"
                    + named.group(2) + "\\s*\\(");
            if (!type.matcher(source).find()) {
                problems.add(page + ":" + line + ": " + link.group(1) + " links to " + file + ", which declares no class "
                        + named.group(1));
            } else if (named.group(2) != null && !method.matcher(source).find()) {
                problems.add(page + ":" + line + ": " + link.group(1) + " links to " + file + ", which declares no method "
                        + named.group(2));
            }
        }
        return problems;
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}

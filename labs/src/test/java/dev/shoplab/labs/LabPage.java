package dev.shoplab.labs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One workshop page, {@code docs/labs/NN-name.md}, read the way {@link LabPagesTest} runs it: what it needs running,
 * its commands (the fenced blocks whose info string is {@code sh lab}) and, after each, the expectations that check
 * its output ({@code <!-- expect: … -->}). The format is ADR 0019's; {@code docs/labs/README.md} explains it to
 * authors. A page that breaks the format is refused with its file and line.
 *
 * @param file  the page
 * @param name  its file name without {@code .md}, {@code 03-hop-tax}
 * @param title its first heading
 * @param needs  what must run before its commands: {@link Needs#DEMO} the shared {@code ./shoplab demo},
 *               {@link Needs#CHECKOUT_COPY} a copy of the checkout to change, {@link Needs#NOTHING}
 * @param traces the page reads traces ({@code <!-- lab: needs demo traces -->}): it is run only when the demo's trace
 *               receiver runs, and reported skipped, with the reason, when it does not
 * @param skip   why the page is not run yet, when it says so ({@code <!-- lab: skip … -->})
 * @param runsLong the page's faults take minutes to play out ({@code <!-- lab: long -->}): the default build leaves
 *               its commands out, {@code -Dshoplab.labs=all} (or naming it) runs them
 * @param steps  its commands in page order, each with its expectations
 */
record LabPage(Path file, String name, String title, Needs needs, boolean traces, Optional<String> skip,
               boolean runsLong, List<Step> steps) {

    /** What a page needs running before its first command. */
    enum Needs {
        /** The one {@code ./shoplab demo} every such page shares, started by the verifier. */
        DEMO,
        /** A copy of the checkout's sources: the page changes code, and the checkout must not change. */
        CHECKOUT_COPY,
        /** Nothing. */
        NOTHING
    }

    /**
     * One command block and what its output must show.
     *
     * @param line         the line of its opening fence (1-based)
     * @param script       the commands, as an attendee pastes them into a terminal
     * @param until        when given, the block is run again (every few seconds) until every expectation holds, for
     *                     at most this long ({@code ```sh lab until=90s}); else it runs once
     * @param timeout      how long one run of the block may take ({@code timeout=10m}; 3 minutes by default)
     * @param expectations what its output must show; without an {@code exit} expectation it must exit 0
     */
    record Step(int line, String script, Optional<Duration> until, Duration timeout, List<Expectation> expectations) {

        /** The exit code the block must end with. */
        int expectedExit() {
            return expectations.stream().filter(e -> e instanceof Expectation.Exit).map(e -> ((Expectation.Exit) e).code())
                    .findFirst().orElse(0);
        }
    }

    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(3);

    private static final Pattern FENCE = Pattern.compile("^(`{3,}|~{3,})\\s*(.*)$");
    private static final Pattern DIRECTIVE = Pattern.compile("^\\s*<!--\\s*lab:\\s*(.*?)\\s*-->\\s*$");
    private static final Pattern EXPECT = Pattern.compile("^\\s*<!--\\s*expect:\\s*(.*?)\\s*-->\\s*$");
    private static final Pattern OPTION = Pattern.compile("(until|timeout)=(\\d+)(s|m)");

    /** Reads and checks a page; every mistake in it is an {@link IllegalArgumentException} naming file and line. */
    static LabPage read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - ".md".length());
        String title = null;
        Needs needs = null;
        boolean traces = false;
        Optional<String> skip = Optional.empty();
        boolean runsLong = false;
        List<Step> steps = new ArrayList<>();

        // the block being read, and the step whose expectations follow
        String fence = null;
        boolean labBlock = false;
        int blockLine = 0;
        Optional<Duration> until = Optional.empty();
        Duration timeout = DEFAULT_TIMEOUT;
        StringBuilder script = new StringBuilder();
        List<Expectation> expectations = null;

        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int number = i + 1;
            Matcher fenceMatch = FENCE.matcher(line);
            if (fence != null) { // inside a fenced block
                if (fenceMatch.matches() && fenceMatch.group(1).startsWith(fence) && fenceMatch.group(2).isEmpty()) {
                    if (labBlock) {
                        expectations = new ArrayList<>();
                        steps.add(new Step(blockLine, script.toString(), until, timeout, expectations));
                    }
                    fence = null;
                } else if (labBlock) {
                    script.append(line).append('\n');
                }
                continue;
            }
            if (fenceMatch.matches()) {
                fence = fenceMatch.group(1);
                String[] info = fenceMatch.group(2).trim().split("\\s+");
                labBlock = info.length >= 2 && info[0].equals("sh") && info[1].equals("lab");
                if (labBlock) {
                    blockLine = number;
                    script.setLength(0);
                    until = Optional.empty();
                    timeout = DEFAULT_TIMEOUT;
                    for (int k = 2; k < info.length; k++) {
                        Matcher option = OPTION.matcher(info[k]);
                        if (!option.matches()) {
                            throw refused(file, number, "unknown option '" + info[k] + "' of a lab block: use "
                                    + "until=90s or timeout=10m");
                        }
                        Duration d = option.group(3).equals("s") ? Duration.ofSeconds(Long.parseLong(option.group(2)))
                                : Duration.ofMinutes(Long.parseLong(option.group(2)));
                        if (option.group(1).equals("until")) {
                            until = Optional.of(d);
                        } else {
                            timeout = d;
                        }
                    }
                }
                continue;
            }
            if (title == null && line.startsWith("# ")) {
                title = line.substring(2).trim();
                continue;
            }
            Matcher directive = DIRECTIVE.matcher(line);
            if (directive.matches()) {
                String d = directive.group(1);
                if (d.startsWith("needs ")) {
                    String what = d.substring("needs ".length()).trim();
                    traces = what.equals("demo traces");
                    needs = switch (traces ? "demo" : what) {
                        case "demo" -> Needs.DEMO;
                        case "checkout-copy" -> Needs.CHECKOUT_COPY;
                        case "nothing" -> Needs.NOTHING;
                        default -> throw refused(file, number, "'" + d + "': a page needs demo, demo traces, "
                                + "checkout-copy or nothing");
                    };
                } else if (d.startsWith("skip ")) {
                    skip = Optional.of(d.substring("skip ".length()).trim());
                } else if (d.equals("long")) {
                    runsLong = true;
                } else {
                    throw refused(file, number, "unknown directive '" + d + "': use needs …, long or skip <reason>");
                }
                continue;
            }
            Matcher expect = EXPECT.matcher(line);
            if (expect.matches()) {
                if (expectations == null) {
                    throw refused(file, number, "an expectation before any ```sh lab block: it checks the output of"
                            + " the block above it");
                }
                expectations.add(Expectation.parse(expect.group(1), file, number));
            }
        }
        if (fence != null) {
            throw refused(file, lines.size(), "a fenced block is not closed");
        }
        if (title == null) {
            throw refused(file, 1, "no '# ' title");
        }
        if (needs == null) {
            throw refused(file, 1, "no <!-- lab: needs demo|demo traces|checkout-copy|nothing --> directive");
        }
        if (steps.isEmpty()) {
            throw refused(file, 1, "no ```sh lab block: the page has nothing to verify");
        }
        for (Step step : steps) {
            if (step.until().isPresent() && step.expectations().isEmpty()) {
                throw refused(file, step.line(), "until= without an expectation would wait for nothing");
            }
        }
        return new LabPage(file, name, title, needs, traces, skip, runsLong, List.copyOf(steps));
    }

    /** {@code docs/labs/03-hop-tax.md:57}, as a failure names a place. */
    String at(int line) {
        return file + ":" + line;
    }

    private static IllegalArgumentException refused(Path file, int line, String why) {
        return new IllegalArgumentException(file + ":" + line + ": " + why);
    }
}

package dev.shoplab.labs;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What the output of a page's command block must show, written next to it as {@code <!-- expect: … -->} (ADR 0019):
 *
 * <ul>
 *   <li>{@code exit N} — the block ends with exit code N (without one: 0);</li>
 *   <li>{@code /REGEX/} — the output has a match; {@code no /REGEX/} — it has none;</li>
 *   <li>{@code /REGEX/ in A..B} — the first match's first group is a number from A to B (inclusive);</li>
 *   <li>{@code all /REGEX/ in A..B} — there is a match, and every match's first group is from A to B.</li>
 * </ul>
 *
 * Regular expressions are Java's, with {@code ^} and {@code $} matching at every line ({@link Pattern#MULTILINE}).
 */
sealed interface Expectation {

    /** The page line the expectation is written on. */
    int line();

    /** The expectation as written, for failure messages. */
    String written();

    /** Why the output does not meet it, or empty when it does. */
    Optional<String> unmet(String output, int exitCode);

    /** The block ends with this exit code. */
    record Exit(int code, int line, String written) implements Expectation {
        @Override
        public Optional<String> unmet(String output, int exitCode) {
            return exitCode == code ? Optional.empty() : Optional.of("exit code " + exitCode + ", not " + code);
        }
    }

    /** The output has a match of the pattern ({@code present}) or none. */
    record Match(Pattern pattern, boolean present, int line, String written) implements Expectation {
        @Override
        public Optional<String> unmet(String output, int exitCode) {
            Matcher m = pattern.matcher(output);
            boolean found = m.find();
            if (found == present) {
                return Optional.empty();
            }
            return Optional.of(present ? "no line matches /" + pattern + "/" : "a line matches, \"" + m.group() + "\"");
        }
    }

    /** The first group of the first match (or of every match, {@code all}) is a number within [min, max]. */
    record InRange(Pattern pattern, BigDecimal min, BigDecimal max, boolean all, int line, String written)
            implements Expectation {
        @Override
        public Optional<String> unmet(String output, int exitCode) {
            Matcher m = pattern.matcher(output);
            List<String> seen = new ArrayList<>();
            while (m.find()) {
                String value = m.group(1);
                seen.add(value);
                BigDecimal number;
                try {
                    number = new BigDecimal(value.replace(",", ""));
                } catch (NumberFormatException e) {
                    return Optional.of("\"" + value + "\" (in \"" + m.group() + "\") is not a number");
                }
                if (number.compareTo(min) < 0 || number.compareTo(max) > 0) {
                    return Optional.of("was " + value + " (in \"" + m.group().strip() + "\"), not within " + min + ".."
                            + max);
                }
                if (!all) {
                    return Optional.empty();
                }
            }
            return seen.isEmpty() ? Optional.of("no line matches /" + pattern + "/") : Optional.empty();
        }
    }

    /** Reads one expectation as written after {@code expect:}; a mistake is refused with the file and line. */
    static Expectation parse(String text, Path file, int line) {
        Matcher exit = Pattern.compile("exit (\\d+)").matcher(text);
        if (exit.matches()) {
            return new Exit(Integer.parseInt(exit.group(1)), line, text);
        }
        Matcher m = Pattern.compile("(no |all )?/(.*)/(?: in (-?[0-9.]+)\\.\\.(-?[0-9.]+))?").matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(file + ":" + line + ": cannot read the expectation '" + text
                    + "': write exit N, /regex/, no /regex/, /regex/ in A..B or all /regex/ in A..B");
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(m.group(2), Pattern.MULTILINE);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(file + ":" + line + ": the expectation's regex is wrong: "
                    + e.getMessage());
        }
        String modifier = m.group(1) == null ? "" : m.group(1).trim();
        if (m.group(3) == null) {
            if (modifier.equals("all")) {
                throw new IllegalArgumentException(file + ":" + line + ": 'all /regex/' needs 'in A..B'");
            }
            return new Match(pattern, !modifier.equals("no"), line, text);
        }
        if (modifier.equals("no")) {
            throw new IllegalArgumentException(file + ":" + line + ": 'no /regex/' takes no range");
        }
        if (pattern.matcher("").groupCount() < 1) {
            throw new IllegalArgumentException(file + ":" + line + ": a range needs a (group) in the regex: the "
                    + "number it checks");
        }
        BigDecimal min = new BigDecimal(m.group(3));
        BigDecimal max = new BigDecimal(m.group(4));
        if (min.compareTo(max) > 0) {
            throw new IllegalArgumentException(file + ":" + line + ": the range " + min + ".." + max + " is empty");
        }
        return new InRange(pattern, min, max, modifier.equals("all"), line, text);
    }
}

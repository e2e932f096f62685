package dev.shoplab.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One row of ADR 0006's table "The domain packages, side by side": a domain file that only some architectures
 * have, which architectures, and why. The table is read from the ADR itself, between the markers
 * {@code <!-- domain-differences:start -->} and {@code <!-- domain-differences:end -->}, so the ADR and the
 * rule cannot drift apart.
 *
 * @param context a bounded context: order, inventory, payment, notification
 * @param file    the file name in the context's {@code domain} package, without {@code .java}
 * @param in      the architectures (folder names) that have it
 * @param why     the reason, as the ADR states it
 */
public record AllowedDifference(String context, String file, Set<String> in, String why) {

    static final String START = "<!-- domain-differences:start -->";
    static final String END = "<!-- domain-differences:end -->";

    /** The rows of the table in the ADR file numbered 0006 under {@code docs/adr}. */
    public static List<AllowedDifference> fromAdr(Path root) {
        Path adrs = root.resolve("docs/adr");
        try (Stream<Path> files = Files.list(adrs)) {
            Path adr = files.filter(f -> f.getFileName().toString().startsWith("0006-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no ADR 0006 in " + adrs));
            return parse(Files.readString(adr), adr.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ADRs in " + adrs, e);
        }
    }

    /**
     * The rows of the table between the markers of {@code markdown}.
     *
     * @throws IllegalArgumentException when the markers are missing, a row has not four cells, or names an
     *                                  unknown context or architecture; the message names {@code source}
     */
    static List<AllowedDifference> parse(String markdown, String source) {
        int start = markdown.indexOf(START);
        int end = markdown.indexOf(END);
        if (start < 0 || end < start) {
            throw new IllegalArgumentException(source + ": the markers " + START + " and " + END + " are missing");
        }
        List<AllowedDifference> rows = new ArrayList<>();
        for (String line : markdown.substring(start + START.length(), end).split("\n")) {
            String trimmed = line.trim();
            if (!trimmed.startsWith("|") || trimmed.startsWith("|---") || trimmed.startsWith("| context")) {
                continue;
            }
            String[] cells = Arrays.stream(trimmed.substring(1, trimmed.length() - (trimmed.endsWith("|") ? 1 : 0))
                    .split("\\|", -1)).map(String::trim).toArray(String[]::new);
            if (cells.length != 4) {
                throw new IllegalArgumentException(source + ": a row of the domain table needs 4 cells"
                        + " (context | file | in | why): " + trimmed);
            }
            if (!Shape.CONTEXTS.contains(cells[0])) {
                throw new IllegalArgumentException(source + ": unknown context '" + cells[0] + "' in: " + trimmed);
            }
            Set<String> in = Arrays.stream(cells[2].split(",")).map(String::trim)
                    .map(name -> Shape.Architecture.named(name).folder()).collect(Collectors.toCollection(TreeSet::new));
            rows.add(new AllowedDifference(cells[0], cells[1].replace("`", ""), in, cells[3]));
        }
        return rows;
    }
}

package dev.shoplab.labs;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The programs an attendee installs besides a JDK (docs/labs/README.md, "What you need"): a page whose commands call
 * one that this machine lacks cannot be run here. The build then reports the page as skipped, with what to install;
 * on CI ({@code CI=true}, where {@code .ci/run} installs them) it fails instead.
 */
final class Tools {

    /** Each program a page may call, and how to get it. */
    private static final Map<String, String> INSTALL = new LinkedHashMap<>();

    static {
        INSTALL.put("bash", "bash");
        INSTALL.put("curl", "curl (Debian: apt-get install curl)");
        INSTALL.put("psql", "psql (Debian: apt-get install postgresql-client)");
    }

    private Tools() {
    }

    /** What the page calls and this machine lacks, said as what to install; empty when nothing is missing. */
    static Optional<String> missingFor(LabPage page) {
        List<String> missing = new ArrayList<>();
        INSTALL.forEach((program, install) -> {
            boolean used = program.equals("bash") || page.steps().stream()
                    .anyMatch(s -> Pattern.compile("(^|[\\s|;&(])" + program + "\\b").matcher(s.script()).find());
            if (used && onPath(program).isEmpty()) {
                missing.add(install);
            }
        });
        return missing.isEmpty() ? Optional.empty()
                : Optional.of("the page's commands need " + String.join(" and ", missing) + ", which is not on the PATH");
    }

    private static Optional<Path> onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}

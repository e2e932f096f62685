package dev.shoplab.rules;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shoplab checkout the rules read sources from: the nearest folder above the working directory with the ADRs. */
final class Checkout {

    private Checkout() {
    }

    /**
     * The checkout's root folder: {@code -Dshoplab.home} if set, else the first folder at or above the working
     * directory (a module folder when Maven runs the tests) that holds {@code docs/adr} and {@code pom.xml}.
     *
     * @throws IllegalStateException when no such folder exists (the rules were run outside a checkout)
     */
    static Path root() {
        String home = System.getProperty("shoplab.home");
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docs/adr")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no shoplab checkout (a folder with docs/adr and pom.xml) at or above "
                + Path.of("").toAbsolutePath() + "; set -Dshoplab.home");
    }
}

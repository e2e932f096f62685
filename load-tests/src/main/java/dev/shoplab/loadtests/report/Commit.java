package dev.shoplab.loadtests.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Which commit a bench measured: {@code git describe --always --dirty --tags} of the checkout. */
final class Commit {

    private Commit() {
    }

    /**
     * For example {@code e3992c9} or {@code e3992c9-dirty} (uncommitted changes: the figures belong to no commit);
     * {@code unknown (…)} when git or the repository is not there.
     */
    static String describe(Path checkout) {
        try {
            Process p = new ProcessBuilder("git", "-C", checkout.toString(), "describe", "--always", "--dirty",
                    "--tags").redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "unknown (git did not answer)";
            }
            return p.exitValue() == 0 && !out.isEmpty() ? out : "unknown (not a git checkout: " + out + ")";
        } catch (IOException e) {
            return "unknown (no git: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown (interrupted)";
        }
    }
}

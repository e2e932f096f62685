package dev.shoplab.labs;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One terminal of an attendee: a bash that lives for a whole page, so that what one block sets ({@code eval
 * "$(./shoplab env)"}, {@code ORDER=…}) the next block sees. Each block is pasted as it is on the page and its output
 * (stdout and stderr, interleaved as a terminal shows them) and exit code are collected. A block that does not end
 * within its bound ends the shell, and everything it started, by PID.
 */
final class Shell implements AutoCloseable {

    /** What one block printed and how it ended. */
    record Result(String output, int exitCode) {
    }

    /** A block did not finish within its bound; the shell is gone. */
    static final class TimedOut extends Exception {
        TimedOut(String message) {
            super(message);
        }
    }

    private final Process bash;
    private final Writer stdin;
    private final Path dir;
    private int blocks;

    /**
     * A bash in {@code workingDir} with {@code environment} added to this JVM's, its files in {@code dir}.
     */
    Shell(Path workingDir, Map<String, String> environment, Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        ProcessBuilder builder = new ProcessBuilder("bash", "--noprofile", "--norc")
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("shell.log").toFile());
        builder.environment().putAll(environment);
        this.bash = builder.start();
        this.stdin = new OutputStreamWriter(bash.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** Runs a block, as pasted into the terminal, and waits for it at most {@code bound}. */
    Result run(String script, Duration bound) throws IOException, TimedOut, InterruptedException {
        int n = ++blocks;
        Path block = dir.resolve("block-" + n + ".sh");
        Path output = dir.resolve("block-" + n + ".out");
        Path exit = dir.resolve("block-" + n + ".exit");
        Files.writeString(block, script);
        // stdin is not the terminal's: a command that would read it reads nothing instead of the next block
        stdin.write("source '" + block + "' > '" + output + "' 2>&1 < /dev/null; echo $? > '" + exit + ".tmp' && mv '"
                + exit + ".tmp' '" + exit + "'\n");
        stdin.flush();
        long deadline = System.nanoTime() + bound.toNanos();
        while (!Files.exists(exit)) {
            if (!bash.isAlive()) {
                throw new TimedOut("the shell ended (exit " + bash.exitValue() + ") during the block; its output:\n"
                        + read(output));
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new TimedOut("did not finish within " + bound.toSeconds() + " s; its output so far:\n"
                        + read(output));
            }
            bash.waitFor(200, TimeUnit.MILLISECONDS); // wakes early if the shell ends
        }
        return new Result(read(output), Integer.parseInt(Files.readString(exit).trim()));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the shell and every process it started (SIGTERM, then SIGKILL after 10 s). */
    @Override
    public void close() {
        var started = bash.descendants().toList();
        started.forEach(ProcessHandle::destroy);
        bash.destroy();
        try {
            if (!bash.waitFor(10, TimeUnit.SECONDS)) {
                bash.destroyForcibly();
            }
            for (ProcessHandle p : started) {
                p.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            started.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
    }
}

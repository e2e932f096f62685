package dev.shoplab.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The run folders under {@code <state>/runs}, kept in check: a run whose command ended — cleanly, or killed with
 * SIGKILL so that nothing of it could clean up — loses its servers' data folders ({@code postgres/data}, about
 * 86 MB, and {@code kafka/data}) and keeps its logs; of the ended runs only the newest {@value #KEEP} are kept at
 * all. A run is live while the lab command that opened it runs ({@code owner.pid} in its folder).
 */
public final class RunFolders {

    /** How many ended runs keep their logs. */
    public static final int KEEP = 20;
    /** The file in a run folder that names the lab command that opened it. */
    static final String OWNER = "owner.pid";

    private RunFolders() {
    }

    /** What a pruning freed: the data folders and the whole run folders it deleted, and their size in bytes. */
    public record Pruned(int dataFolders, int runFolders, long bytes) {

        /** One line for a person, or empty when nothing was deleted. */
        public String describe() {
            if (dataFolders == 0 && runFolders == 0) {
                return "";
            }
            return String.format("removed %d data folder(s) of ended runs and %d old run folder(s): %.0f MB freed",
                    dataFolders, runFolders, bytes / 1e6);
        }
    }

    /** Marks {@code runDir} as opened by the current JVM. */
    static void markOwner(Path runDir) throws IOException {
        Files.writeString(runDir.resolve(OWNER), ProcessHandle.current().pid() + "\n");
    }

    /** Deletes the data folders of every ended run, then every ended run folder but the newest {@value #KEEP}. */
    public static Pruned prune(LabHome home) {
        Path runs = home.runsDir();
        if (!Files.isDirectory(runs)) {
            return new Pruned(0, 0, 0);
        }
        int data = 0;
        int whole = 0;
        long bytes = 0;
        List<Path> ended = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(runs)) {
            for (Path run : dirs.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
                if (!live(run)) {
                    ended.add(run);
                }
            }
            for (Path run : ended) {
                for (String server : List.of("postgres", "kafka")) {
                    Path folder = run.resolve(server).resolve("data");
                    if (Files.isDirectory(folder)) {
                        bytes += delete(folder);
                        data++;
                    }
                }
            }
            for (Path run : ended.subList(Math.min(KEEP, ended.size()), ended.size())) {
                bytes += delete(run);
                whole++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prune the run folders in " + runs + ": " + e.getMessage(), e);
        }
        return new Pruned(data, whole, bytes);
    }

    private static boolean live(Path run) throws IOException {
        Path owner = run.resolve(OWNER);
        if (!Files.isRegularFile(owner)) {
            return false;
        }
        try {
            long pid = Long.parseLong(Files.readString(owner).trim());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Deletes a folder tree; returns the bytes of the files it deleted. */
    private static long delete(Path root) throws IOException {
        long[] bytes = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                bytes[0] += attrs.size();
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
        return bytes[0];
    }
}

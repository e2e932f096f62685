package dev.shoplab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ended runs lose their servers' data and, beyond the newest twenty, their folder; a live run keeps everything. */
class RunFoldersTest {

    @TempDir
    Path stateDir;

    @Test
    void ended_runs_lose_their_data_and_only_the_newest_keep_their_logs() throws Exception {
        LabHome home = new LabHome(stateDir.getParent(), stateDir);
        long gone = endedProcessPid();
        for (int i = 0; i < RunFolders.KEEP + 5; i++) {
            run(home, String.format("20261204-1200%02d-bench", i), gone);
        }
        Path live = run(home, "20261204-110000-up", ProcessHandle.current().pid());

        RunFolders.Pruned pruned = RunFolders.prune(home);

        assertEquals(RunFolders.KEEP + 5, pruned.dataFolders(), "each ended run's postgres/data");
        assertEquals(5, pruned.runFolders());
        assertTrue(pruned.bytes() >= (RunFolders.KEEP + 5) * 1000L);
        assertTrue(Files.isDirectory(live.resolve("postgres/data")), "a live run keeps its data");
        try (Stream<Path> runs = Files.list(home.runsDir())) {
            List<String> kept = runs.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(RunFolders.KEEP + 1, kept.size());
            assertFalse(kept.contains("20261204-120004-bench"), "the oldest ended runs are gone: " + kept);
            assertTrue(kept.contains("20261204-120005-bench"), kept.toString());
        }
        assertTrue(Files.isRegularFile(home.runsDir().resolve("20261204-120024-bench/postgres/postgres.log")),
                "an ended run keeps its logs");
        assertFalse(Files.exists(home.runsDir().resolve("20261204-120024-bench/postgres/data")));
        assertEquals("", RunFolders.prune(home).describe(), "nothing more to do");
    }

    private static Path run(LabHome home, String name, long ownerPid) throws Exception {
        Path run = Files.createDirectories(home.runsDir().resolve(name));
        Files.writeString(run.resolve(RunFolders.OWNER), ownerPid + "\n");
        Path data = Files.createDirectories(run.resolve("postgres/data/base"));
        Files.write(data.resolve("16384"), new byte[1000]);
        Files.writeString(run.resolve("postgres/postgres.log"), "LOG:  database system is ready\n");
        return run;
    }

    /** The pid of a process that has ended (as a SIGKILLed command's is). */
    private static long endedProcessPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }
}

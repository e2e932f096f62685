package dev.shoplab.loadtests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoplab.lab.cli.Shoplab;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Mistakes in a bench's command are told before anything starts, with exit code 2. */
class BenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void a_report_folder_the_bench_cannot_write_to_is_refused_before_anything_starts() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Shoplab.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        int code = cli.execute("bench", "--arch", "monolith", "--scenario", "baseline", "--out",
                file.resolve("report").toString());

        assertEquals(2, code, out + "\n" + err);
        assertTrue(err.toString().contains("--out " + file.resolve("report") + ": the bench cannot write its report"
                + " there"), err.toString());
        assertTrue(err.toString().contains("choose a folder you can write to"), err.toString());
        assertFalse(out.toString().contains("Starting the infrastructure"), "nothing started: " + out);
    }

    @Test
    void a_warm_up_is_typed_as_every_duration_of_the_lab_and_a_wrong_one_is_refused_before_anything_starts() {
        for (String[] given : new String[][] {{"soon", "'soon' is no number of seconds: give 20, 20s or 2m"},
                {"11m", "660"}}) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = Shoplab.commandLine();
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(err));

            int code = cli.execute("bench", "--arch", "monolith", "--scenario", "baseline", "--warm-up", given[0],
                    "--out", dir.resolve("report").toString());

            assertEquals(2, code, out + "\n" + err);
            assertTrue(err.toString().contains(given[1]), err.toString());
            assertFalse(out.toString().contains("Starting the infrastructure"), "nothing started: " + out);
        }
    }
}

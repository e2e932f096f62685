package dev.shoplab.loadtests.live;

import dev.shoplab.lab.cli.Shoplab;
import java.io.PrintWriter;
import java.io.StringWriter;

/** The command line in the test's JVM, as a second terminal runs it: its exit code and everything it printed. */
record Verbs(int code, String text) {

    static Verbs run(String... args) {
        StringWriter out = new StringWriter();
        var cli = Shoplab.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        int code = cli.execute(args);
        return new Verbs(code, out.toString());
    }
}

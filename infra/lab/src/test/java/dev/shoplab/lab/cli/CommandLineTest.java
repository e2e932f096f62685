package dev.shoplab.lab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoplab.lab.architecture.Architecture;
import dev.shoplab.lab.architecture.Architectures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line answers help everywhere and names the valid values when an argument is wrong. */
class CommandLineTest {

    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(String... args) {
        CommandLine cli = Shoplab.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void every_command_answers_help() {
        for (String[] args : new String[][] {{"--help"}, {"infra", "--help"}, {"infra", "up", "--help"},
                {"down", "--help"}, {"status", "--help"}}) {
            Result r = run(args);
            assertEquals(0, r.exitCode(), String.join(" ", args));
            assertTrue(r.out().contains("Usage:"), String.join(" ", args) + " printed: " + r.out());
        }
    }

    @Test
    void an_unknown_infra_provider_names_the_valid_ones_and_exits_with_2() {
        Result r = run("infra", "up", "--infra", "docker");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("embedded, containers, external"), r.err());
    }

    @Test
    void an_unknown_durability_names_the_valid_ones_and_exits_with_2() {
        Result r = run("infra", "up", "--durability", "maybe");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("durable, relaxed"), r.err());
    }

    @Test
    void a_traces_endpoint_that_is_not_a_base_url_says_what_to_give_and_exits_with_2() {
        Result r = run("up", "test-shop", "--otlp-endpoint", "127.0.0.1:4318");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--otlp-endpoint: '127.0.0.1:4318' is not an http:// or https:// URL"), r.err());
        assertTrue(r.err().contains("http://127.0.0.1:4318"), r.err());
    }

    @Test
    void an_unknown_command_exits_with_2_and_says_what_exists() {
        Result r = run("launch");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("launch"), r.err());
        assertTrue(r.err().contains("infra"), r.err());
    }

    @Test
    void a_wrong_option_is_a_few_lines_that_say_where_the_options_are_not_the_whole_usage() {
        Result r = run("infra", "up", "--durabilty", "durable");

        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("Unknown options: '--durabilty'"), r.err());
        assertTrue(r.err().contains("--durability"), "the closest option is suggested:\n" + r.err());
        assertTrue(r.err().contains("./shoplab infra up --help"), r.err());
        assertFalse(r.err().contains("Usage:"), "the usage text would scroll the error away:\n" + r.err());
        assertTrue(r.err().strip().lines().count() <= 6, r.err());
    }

    @Test
    void infra_without_a_subcommand_says_which_one_to_use() {
        Result r = run("infra");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("shoplab infra up"), r.err());
    }

    @Test
    void an_architecture_is_found_on_the_class_path_and_an_unknown_one_is_named_with_those_that_exist() {
        assertEquals(List.of("test-shop"), Architectures.all().stream().map(Architecture::name).toList());

        Result r = run("up", "mainframe");

        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("Unknown architecture 'mainframe': use one of test-shop"), r.err());
    }

    @Test
    void a_port_in_use_is_one_clear_line_without_the_usage_text() throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result r = run("up", "test-shop", "--port", Integer.toString(busy.getLocalPort()));

            assertEquals(2, r.exitCode());
            assertTrue(r.err().contains("port " + busy.getLocalPort() + " is already in use"), r.err());
            assertFalse(r.err().contains("Usage:"), "a busy port is not a usage error:\n" + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }
}

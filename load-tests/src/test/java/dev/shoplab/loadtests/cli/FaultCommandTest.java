package dev.shoplab.loadtests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * What {@code ./shoplab fault} makes of what a speaker types and of what the control API refuses: the API names a
 * fault's JSON fields, the speaker typed options, so a refusal names the option and what it takes; {@code --for}
 * takes seconds as {@code 20}, {@code 20s} or {@code 2m}.
 */
class FaultCommandTest {

    /** The fault verb {@code name} as picocli made it from {@code ./shoplab fault name args…}. */
    private static FaultCommand.Inject verb(String name, String... args) {
        CommandLine fault = new CommandLine(new FaultCommand());
        String[] line = new String[args.length + 1];
        line[0] = name;
        System.arraycopy(args, 0, line, 1, args.length);
        return fault.parseArgs(line).subcommand().commandSpec().commandLine().getCommand();
    }

    @Test
    void a_refused_field_is_named_as_the_option_the_speaker_typed_with_what_it_takes() {
        assertEquals("--error-rate: must have a maximum value of 1 (--error-rate P: That share of requests"
                + " (0..1: 0.3 is three in ten) gets a 503.)",
                verb("psp", "--error-rate", "100").inTheUsersWords("fault.errorRate: must have a maximum value of 1"));
        assertEquals("--per-try-timeout: does not match the regex pattern ^[0-9]{1,6}(ms|s|m)$ (--per-try-timeout D:"
                + " As Istio writes it: 500ms, 2s (shipped: 5s).)", verb("mesh", "--per-try-timeout", "1")
                .inTheUsersWords("fault.perTryTimeout: does not match the regex pattern ^[0-9]{1,6}(ms|s|m)$"));
        assertEquals("SERVICE: must be one of [monolith, order-service]", verb("kill", "paymnet-service")
                .inTheUsersWords("fault.target: must be one of [monolith, order-service]"));
        assertEquals("fault.action: unknown", verb("kill", "order-service").inTheUsersWords("fault.action: unknown"));
        assertTrue(verb("kill", "order-service").inTheUsersWords("fault.for: must be at most 3600")
                .startsWith("--restart-after: must be at most 3600 (--restart-after S: Seconds until"));
    }

    @Test
    void error_and_timeout_rates_that_add_up_to_more_than_every_request_are_refused_before_anything_is_sent() {
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> verb("mail", "--error-rate", "0.8", "--timeout-rate", "0.5").validate());
        assertEquals("--error-rate 0.8 and --timeout-rate 0.5 add up to more than 1: they are shares of the same "
                + "requests (a 503, or no answer), so together at most 1", e.getMessage());
    }

    @Test
    void seconds_are_given_as_a_number_with_or_without_a_unit() {
        Seconds seconds = new Seconds();

        assertEquals(20, seconds.convert("20"));
        assertEquals(20, seconds.convert("20s"));
        assertEquals(120, seconds.convert("2m"));
        assertEquals(20, ((FaultCommand.Provider) verb("psp", "--down", "--for", "20s")).lasting);
        CommandLine.TypeConversionException wrong = assertThrows(CommandLine.TypeConversionException.class,
                () -> seconds.convert("20h"));
        assertEquals("'20h' is no number of seconds: give 20, 20s or 2m", wrong.getMessage());
    }
}

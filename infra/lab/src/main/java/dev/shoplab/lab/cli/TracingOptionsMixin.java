package dev.shoplab.lab.cli;

import dev.shoplab.lab.LabRun;
import dev.shoplab.lab.TracesEndpoint;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Where the processes of a foreground command ({@code up}, {@code demo}) send their traces
 * (docs/adr/0014-tracing-with-opentelemetry.md): by default to a receiver the command runs itself, which the control
 * API's trace panel reads; to a collector or Jaeger of the user's with {@code --otlp-endpoint}; nowhere with
 * {@code --no-tracing}, so nothing is recorded.
 */
public final class TracingOptionsMixin {

    @Option(names = "--otlp-endpoint", paramLabel = "URL",
            description = {"Send every process's traces over OTLP/HTTP (protobuf) to URL, the base URL of a collector "
                    + "or of Jaeger, e.g. http://127.0.0.1:4318, instead of to this command's own receiver.",
                    "Default: this command receives them (GET /api/lab/trace, the demo page's trace panel)."})
    String otlpEndpoint;

    @Option(names = "--no-tracing", description = "Trace nothing: every process runs with OpenTelemetry off.")
    boolean noTracing;

    private TracesEndpoint elsewhere;

    /**
     * Checks the options before anything starts.
     *
     * @throws CommandLine.ParameterException when both are given, or the URL is not {@code http(s)://host:port}
     */
    public void check(CommandLine commandLine) {
        if (noTracing && otlpEndpoint != null) {
            throw new CommandLine.ParameterException(commandLine, "--no-tracing and --otlp-endpoint contradict each "
                    + "other: give one of them");
        }
        try {
            elsewhere = otlpEndpoint == null ? null : TracesEndpoint.of(otlpEndpoint);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, "--otlp-endpoint: " + e.getMessage());
        }
    }

    /** Sets where {@code run}'s processes send their traces; call it after {@link #check} and before starting them. */
    public void applyTo(LabRun run) {
        if (elsewhere != null) {
            run.sendTracesTo(elsewhere);
        } else if (!noTracing) {
            run.receiveTraces();
        }
    }

    /** One line for the command's terminal: where the traces go. */
    public static String describe(LabRun run) {
        if (run.traceReceiver().isPresent()) {
            return "traces: received here, " + run.traceReceiver().get().endpoint() + " (GET /api/lab/trace shows "
                    + "one order's, the demo page draws it; trace ids in every log line; --no-tracing: none)";
        }
        return run.traces().map(t -> "traces: sent to " + t + " (every process; trace ids in every log line)")
                .orElse("traces: off (--no-tracing)");
    }
}

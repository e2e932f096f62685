package dev.shoplab.mesh;

import dev.shoplab.mesh.policy.PolicyException;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/** Command-line entry point: starts the mesh, prints the ready line, runs until stopped (SIGTERM / Ctrl-C). */
public final class MeshMain {

    /** Exit status for bad arguments or invalid policy files. */
    public static final int EXIT_CONFIG = 2;
    /** Exit status when a port cannot be opened. */
    public static final int EXIT_START = 1;

    /** The --help text. */
    public static final String USAGE = """
            usage: shoplab-mesh --policies DIR --route HOST=LISTEN_PORT=UPSTREAM[,UPSTREAM...] [--route ...]
                                [--routes-file FILE] [--admin-port N] [--bind ADDR] [--watch-interval 1s]
                                [--max-body-bytes N] [--otlp-endpoint URL [--service-namespace NAME]]

            Local service mesh: one outbound listener per destination host, applying the Istio
            VirtualService / DestinationRule YAML files of DIR with Envoy semantics.

              --policies DIR         directory of *.yaml / *.yml Istio files (re-read when they change)
              --route H=P=U1,U2      destination host H: listen on ADDR:P (0 = any free port), forward to
                                     upstream endpoints U1, U2 (host:port)
              --routes-file FILE     the same, one H=P=U1,U2 a line (# comments allowed)
              --admin-port N         admin port: /metrics, /ready, /admin/policies, /admin/reload (default: any)
              --bind ADDR            listen address (default 127.0.0.1)
              --watch-interval D     how often DIR is checked for changes (default 1s, 0s = never)
              --max-body-bytes N     largest request body buffered for retries (default 10485760)
              --otlp-endpoint URL    trace every request and every try (OpenTelemetry), sent over OTLP/HTTP
                                     protobuf to URL, e.g. http://127.0.0.1:4318 (default: tracing off)
              --service-namespace N  the spans' service.namespace, e.g. distributed-monolith

            Prints one line when ready:
              shoplab mesh ready: HOST=http://127.0.0.1:PORT ... admin=http://127.0.0.1:PORT
            Exit status: 2 for bad arguments or invalid policy files, 1 when a port cannot be opened.
            """;

    private MeshMain() {
    }

    /** Runs the mesh until the JVM is asked to stop. */
    public static void main(String[] args) throws InterruptedException {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s %3$s - %5$s%6$s%n");
        if (args.length == 0 || Arrays.asList(args).contains("--help")) {
            System.out.print(USAGE);
            System.exit(args.length == 0 ? EXIT_CONFIG : 0);
        }
        Mesh mesh;
        try {
            mesh = Mesh.start(MeshSettings.fromArgs(args, System.getenv(MeshSettings.CONTROL_TOKEN_ENVIRONMENT)));
        } catch (IllegalArgumentException | PolicyException e) {
            System.err.println("shoplab mesh: " + e.getMessage());
            System.exit(EXIT_CONFIG);
            return;
        } catch (IllegalStateException e) {
            System.err.println("shoplab mesh: " + e.getMessage());
            System.exit(EXIT_START);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mesh.close();
            stopped.countDown();
        }, "shoplab-mesh-shutdown"));
        System.out.println(mesh.readyLine());
        System.out.flush();
        stopped.await();
    }
}

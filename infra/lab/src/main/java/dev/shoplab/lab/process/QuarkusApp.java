package dev.shoplab.lab.process;

import dev.shoplab.lab.LabHttp;
import dev.shoplab.lab.LabRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts a Quarkus application's runnable jar ({@code target/quarkus-app/quarkus-run.jar}) as a process
 * of the run, on 127.0.0.1 at a given port, its configuration as system properties, the run's control token in
 * its environment ({@link dev.shoplab.lab.ControlToken}), tracing on when the run sends traces somewhere
 * ({@link dev.shoplab.lab.TracesEndpoint#quarkusConfig()}), its log in the run folder; returns once
 * {@code /q/health/ready} answers 200.
 */
public final class QuarkusApp {

    /**
     * The environment every service runs with besides the control token: glibc's default of up to 8 malloc arenas
     * per core inflates a JVM's native memory without speeding anything up here, so it is capped (a cluster's pods
     * get the same, checked by infra/k8s).
     */
    public static final Map<String, String> ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

    private QuarkusApp() {
    }

    /**
     * @param role     the process's name in pid files, {@code ./shoplab status} and reports (for example
     *                 {@code order-service})
     * @param logName  its log's name in the run folder, without {@code .log}: the role, qualified by the architecture
     *                 where two architectures have a service of that role and a demo runs both in one folder
     *                 ({@code event-driven-order-service})
     * @param jar      the module's runnable jar, relative to the checkout
     * @param port     the HTTP port
     * @param heap     the {@code -Xmx} value, for example {@code 256m}
     * @param config   Quarkus configuration passed as {@code -Dkey=value}
     */
    public static ManagedProcess start(LabRun run, String role, String logName, String jar, int port, String heap,
                                       Map<String, String> config) {
        Path jarPath = run.home().artifact(jar);
        if (!Files.isRegularFile(jarPath)) {
            throw new IllegalStateException(role + " is not built (" + jarPath + " is missing): run "
                    + "./mvnw package -DskipTests, or just ./shoplab, which builds what is missing.");
        }
        List<String> command = ServiceJvm.command(heap);
        ClassDataSharing.Flags sharing = ClassDataSharing.flags(run.home(), role, jarPath);
        command.addAll(sharing.flags());
        command.addAll(List.of("-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dquarkus.devservices.enabled=false"));
        run.traces().ifPresent(traces -> traces.quarkusConfig().forEach((key, value) -> command.add("-D" + key + "=" + value)));
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jarPath.toString()));
        // The same JVM settings for every service of every architecture.
        Map<String, String> environment = new HashMap<>(run.controlToken().environment());
        environment.putAll(ENVIRONMENT);
        ManagedProcess process = ManagedProcess.start(role, command, environment,
                run.dir().resolve(logName + ".log"),
                run.ledger(), "TERM", sharing.grace(Duration.ofSeconds(15)), "http://127.0.0.1:" + port + "/q/health/live");
        try {
            process.awaitReady(Duration.ofSeconds(90), () -> ready("http://127.0.0.1:" + port),
                    "GET /q/health/ready answers 200");
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return process;
    }

    /** True when the application at {@code baseUrl} reports itself ready. */
    public static boolean ready(String baseUrl) {
        return LabHttp.tryGet(baseUrl + "/q/health/ready", Duration.ofSeconds(2)).isPresent();
    }
}

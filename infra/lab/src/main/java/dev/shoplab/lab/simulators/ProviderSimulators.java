package dev.shoplab.lab.simulators;

import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.infra.FreePorts;
import dev.shoplab.lab.infra.KafkaBroker;
import dev.shoplab.lab.process.ManagedProcess;
import dev.shoplab.lab.process.ProcessLedger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The external-provider simulators (PSP and mail sink, module infra/simulators) as a process the lab
 * owns, on free loopback ports: the PSP and the mail sink each on a port of their own, the admin API
 * (fault controls, ledgers) on a third.
 */
public final class ProviderSimulators implements AutoCloseable {

    /** Where the build puts the simulators' runnable jar, relative to the checkout. */
    public static final String JAR = "infra/simulators/target/quarkus-app/quarkus-run.jar";

    private final ManagedProcess process;
    private final int pspPort;
    private final int mailPort;
    private final int adminPort;

    private ProviderSimulators(ManagedProcess process, int pspPort, int mailPort, int adminPort) {
        this.process = process;
        this.pspPort = pspPort;
        this.mailPort = mailPort;
        this.adminPort = adminPort;
    }

    /** Starts the simulators with their log in {@code runDir/simulators.log}; returns once they are ready. */
    public static ProviderSimulators start(LabHome home, Path runDir, ProcessLedger ledger) {
        Path jar = home.artifact(JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The provider simulators are not built (" + jar
                    + " is missing): run ./mvnw package -DskipTests -pl infra/simulators");
        }
        int psp = FreePorts.pick();
        int mail = FreePorts.pick();
        int admin = FreePorts.pick();
        List<String> command = List.of(KafkaBroker.javaExecutable(), "-Xmx128m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + admin,
                "-Dshoplab.simulators.psp-port=" + psp, "-Dshoplab.simulators.mail-port=" + mail,
                "-jar", jar.toString());
        ManagedProcess process = ManagedProcess.start("simulators", command, Map.of(),
                runDir.resolve("simulators.log"), ledger, "TERM", Duration.ofSeconds(10));
        ProviderSimulators simulators = new ProviderSimulators(process, psp, mail, admin);
        try {
            process.awaitReady(Duration.ofSeconds(60), simulators::ready, "GET /q/health/ready answers 200");
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return simulators;
    }

    public String pspUrl() {
        return "http://127.0.0.1:" + pspPort;
    }

    public String mailUrl() {
        return "http://127.0.0.1:" + mailPort;
    }

    public String adminUrl() {
        return "http://127.0.0.1:" + adminPort;
    }

    public long pid() {
        return process.pid();
    }

    public ManagedProcess process() {
        return process;
    }

    private boolean ready() {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(adminUrl() + "/q/health/ready")).timeout(Duration.ofSeconds(2))
                            .build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        process.close();
    }
}

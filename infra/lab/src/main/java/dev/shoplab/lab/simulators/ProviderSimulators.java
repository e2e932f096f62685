package dev.shoplab.lab.simulators;

import dev.shoplab.lab.AdminApi;
import dev.shoplab.lab.ControlToken;
import dev.shoplab.lab.LabRun;
import dev.shoplab.lab.infra.FreePorts;
import dev.shoplab.lab.process.ManagedProcess;
import dev.shoplab.lab.process.QuarkusApp;
import java.util.Map;

/**
 * The external-provider simulators (PSP and mail sink, module infra/simulators) as a process the lab
 * owns, on free loopback ports: the PSP and the mail sink each on a port of their own, the admin API
 * (fault controls, ledgers) on a third.
 */
public final class ProviderSimulators implements AutoCloseable {

    /** The Maven module of the simulators, relative to the checkout (a cluster deploys its image). */
    public static final String MODULE = "infra/simulators";
    /** Where the build puts the simulators' runnable jar, relative to the checkout. */
    public static final String JAR = MODULE + "/target/quarkus-app/quarkus-run.jar";
    /** The simulators' heap ({@code -Xmx}). */
    public static final String HEAP = "128m";

    private final ManagedProcess process;
    private final int pspPort;
    private final int mailPort;
    private final int adminPort;
    private final ControlToken controlToken;

    private ProviderSimulators(ManagedProcess process, int pspPort, int mailPort, int adminPort,
                               ControlToken controlToken) {
        this.process = process;
        this.pspPort = pspPort;
        this.mailPort = mailPort;
        this.adminPort = adminPort;
        this.controlToken = controlToken;
    }

    /** Starts the simulators with their log in the run folder; returns once they are ready. */
    public static ProviderSimulators start(LabRun run) {
        int psp = FreePorts.pick();
        int mail = FreePorts.pick();
        int admin = FreePorts.pick();
        ManagedProcess process = QuarkusApp.start(run, "simulators", "simulators", JAR, admin, HEAP, Map.of(
                "shoplab.simulators.psp-port", Integer.toString(psp),
                "shoplab.simulators.mail-port", Integer.toString(mail)));
        return new ProviderSimulators(process, psp, mail, admin, run.controlToken());
    }

    public String pspUrl() {
        return "http://127.0.0.1:" + pspPort;
    }

    public String mailUrl() {
        return "http://127.0.0.1:" + mailPort;
    }

    /** Where the fault controls, ledgers and stats answer (loopback only, with the control token). */
    public String adminUrl() {
        return "http://127.0.0.1:" + adminPort;
    }

    /** The fault controls, ledgers and stats, called with the control token. */
    public AdminApi admin() {
        return new AdminApi(adminUrl(), controlToken);
    }

    public long pid() {
        return process.pid();
    }

    public ManagedProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }
}

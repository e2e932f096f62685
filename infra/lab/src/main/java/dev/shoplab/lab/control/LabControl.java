package dev.shoplab.lab.control;

import dev.shoplab.lab.infra.FreePorts;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The control API of a running lab command (load, faults, stats, audit; docs/control-api.md), served by a module
 * further up the build and found with {@link ServiceLoader}, as {@link dev.shoplab.lab.cli.CommandContribution}
 * is: {@code up} lives here, the load generator, the fault injector and the audit live in load-tests, and this
 * module must not depend on it (docs/adr/0015-live-lab-control.md). Without an implementation on the class path
 * {@code up} runs without a control API.
 */
public interface LabControl {

    /** A control API being served; closing it stops the load, lifts every fault and stops serving. */
    interface Served extends AutoCloseable {

        /** Where it answers, for example {@code http://127.0.0.1:41234}. */
        String url();

        @Override
        void close();
    }

    /**
     * Starts serving the control API of {@code lab} on 127.0.0.1 ({@code port} 0: any free port) and publishes where
     * it is, so that {@code ./shoplab load|fault|stats|audit} in another terminal find it.
     */
    Served serve(RunningLab lab, int port);

    /**
     * Serves the control API of {@code lab} with the first implementation on the class path, owned by the lab's run
     * (stopped when the run closes); empty when there is none. Its port is picked as every port of the lab is
     * ({@link FreePorts#pick()}), clear of the kernel's ephemeral range, never the ephemeral port of a bind to 0.
     */
    static Optional<Served> serveIfAvailable(RunningLab lab) {
        return ServiceLoader.load(LabControl.class).findFirst()
                .map(control -> lab.run().own(control.serve(lab, FreePorts.pick())));
    }
}

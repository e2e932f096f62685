package dev.shoplab.loadtests.control;

import dev.shoplab.lab.control.LabControl;
import dev.shoplab.lab.control.RunningLab;
import dev.shoplab.loadtests.live.LiveLab;
import dev.shoplab.loadtests.live.TraceSource;

/**
 * The control API of {@code ./shoplab up}, contributed to the lab through {@link LabControl} (ServiceLoader): a
 * {@link LiveLab} over what {@code up} started, served by a {@link ControlServer} on a free port and published in
 * a {@link ControlFile}. {@code ./shoplab demo} serves its own the same way, on the port it is given.
 */
public final class LiveLabControl implements LabControl {

    @Override
    public Served serve(RunningLab lab, int port) {
        return open(lab, port, TraceSource.NONE);
    }

    /** Drives {@code lab}, serves it on {@code port} (0: any) and publishes where; closing undoes all three. */
    public static Served open(RunningLab lab, int port, TraceSource traces) {
        LiveLab live = new LiveLab(lab, lab.run().home().artifact("load-tests/scenarios"), traces);
        ControlServer server;
        try {
            server = ControlServer.start(live, lab.run().controlToken(), port);
        } catch (RuntimeException e) {
            live.close();
            throw e;
        }
        ControlFile file = new ControlFile(server.url(), ProcessHandle.current().pid(), lab.command(),
                lab.architectures().stream().map(RunningLab.Started::name).toList());
        file.publish(lab.run().home());
        return new Served() {
            @Override
            public String url() {
                return server.url();
            }

            @Override
            public void close() {
                file.withdraw(lab.run().home());
                server.close();
                live.close();
            }

            @Override
            public String toString() {
                return "the lab's control API at " + server.url();
            }
        };
    }
}

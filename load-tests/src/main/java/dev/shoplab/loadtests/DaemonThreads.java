package dev.shoplab.loadtests;

import java.util.concurrent.ThreadFactory;

/** Threads of the bench's and the live lab's timers and pools: named, and never keeping the JVM alive on exit. */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** A factory of daemon threads called {@code name}, as thread dumps and profilers show them. */
    public static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}

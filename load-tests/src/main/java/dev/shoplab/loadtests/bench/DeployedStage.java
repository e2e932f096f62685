package dev.shoplab.loadtests.bench;

import dev.shoplab.lab.AdminApi;
import dev.shoplab.lab.ControlToken;
import dev.shoplab.lab.LabRun;
import dev.shoplab.lab.architecture.Architecture;
import dev.shoplab.lab.architecture.RunningArchitecture;
import dev.shoplab.lab.infra.Infrastructure;
import dev.shoplab.lab.infra.PostgresEndpoint;
import dev.shoplab.lab.process.ManagedProcess;
import dev.shoplab.lab.process.QuarkusApp;
import dev.shoplab.loadtests.scenario.Fault;
import dev.shoplab.loadtests.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An architecture deployed elsewhere ({@link Deployed}), driven as it is: nothing is started or stopped here. Its
 * databases keep the orders of earlier runs (the audit reads only what a run added, {@code Audit.Baseline}), its
 * stock is seeded anew by each run, its simulators are reset; a crash is a pod deleted through the Kubernetes API
 * ({@link KubernetesPods}), when a namespace is given. CPU and memory are not measured: no process of it runs here.
 */
final class DeployedStage implements Stage {

    /** How long a deleted pod's workload may take to be ready again (image already on the node). */
    private static final Duration READY_AGAIN = Duration.ofMinutes(3);

    private final Deployed deployed;
    private final Optional<KubernetesPods> pods;

    DeployedStage(Deployed deployed) {
        this.deployed = deployed;
        this.pods = deployed.kubeNamespace().map(KubernetesPods::connect);
    }

    @Override
    public String describe() {
        return "an architecture deployed elsewhere, at " + deployed.edgeUrl()
                + deployed.kubeNamespace().map(ns -> " (Kubernetes namespace " + ns + ")").orElse("")
                + "; CPU and memory are not measured here";
    }

    @Override
    public Optional<String> cannotRun(Architecture architecture, Scenario scenario) {
        if (!scenario.meshVariants().isEmpty()) {
            return Optional.of("it changes the lab's mesh policy and reads its counters through the mesh's admin API; "
                    + "a cluster's Istio is not the lab's");
        }
        for (Fault fault : scenario.faults(false)) {
            switch (fault.action()) {
                case RESTART_DATABASE, RESTART_BROKER -> {
                    return Optional.of("it restarts the lab's own " + (fault.action() == Fault.Action.RESTART_DATABASE
                            ? "PostgreSQL" : "Kafka") + ", and the servers of a deployment elsewhere are not the lab's");
                }
                case KILL -> {
                    if (pods.isEmpty()) {
                        return Optional.of("a crash is a pod deleted through the Kubernetes API: give "
                                + "--kube-namespace");
                    }
                }
                default -> {
                    // provider faults go through the simulators' admin API, wherever they run
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void reset(Architecture architecture) {
        simulators().send("POST", "/admin/reset", null, Duration.ofSeconds(10));
    }

    @Override
    public RunningArchitecture start(LabRun run, Architecture architecture) {
        for (String url : new String[] {deployed.edgeUrl(), deployed.catalogueAdminUrl()}) {
            if (!QuarkusApp.ready(url)) {
                throw new IllegalStateException("The deployed " + architecture.name() + " does not answer "
                        + url + "/q/health/ready: check that it runs and that the port-forward to it is open "
                        + "(docs/kubernetes.md).");
            }
        }
        return new Driven(architecture);
    }

    @Override
    public AdminApi simulators() {
        return new AdminApi(deployed.simulatorsAdminUrl(), deployed.token());
    }

    @Override
    public ControlToken token(LabRun run) {
        return deployed.token();
    }

    @Override
    public PostgresEndpoint database(String database) {
        return deployed.database(database);
    }

    @Override
    public Optional<Infrastructure> servers() {
        return Optional.empty();
    }

    @Override
    public Map<String, Long> costRoots(RunningArchitecture running, Architecture architecture) {
        return Map.of();
    }

    @Override
    public String durability() {
        return "as deployed";
    }

    @Override
    public void close() {
        pods.ifPresent(KubernetesPods::close);
    }

    /** The deployed architecture as a run sees it: its addresses; its processes are not here. */
    private final class Driven implements RunningArchitecture {

        private final Architecture architecture;
        /** Roles whose pods were deleted and that have not been waited for since. */
        private final Set<String> killed = ConcurrentHashMap.newKeySet();

        Driven(Architecture architecture) {
            this.architecture = architecture;
        }

        @Override
        public String edgeUrl() {
            return deployed.edgeUrl();
        }

        @Override
        public String catalogueAdminUrl() {
            return deployed.catalogueAdminUrl();
        }

        @Override
        public Map<String, ManagedProcess> processes() {
            return Map.of();
        }

        @Override
        public String hostOf(String context) {
            return architecture.hostOf(context);
        }

        /** Deletes the role's pods, unless they were and not waited for since; the cluster restarts them at once. */
        @Override
        public void kill(String role, Instant restartsAt) {
            KubernetesPods cluster = pods.orElseThrow(
                    () -> new UnsupportedOperationException("kill needs --kube-namespace"));
            if (!killed.contains(role)) {
                cluster.kill(role); // a kill the cluster refused is not remembered: the next one tries again
                killed.add(role);
            }
        }

        @Override
        public void restart(String role) {
            try {
                pods.orElseThrow(() -> new UnsupportedOperationException("restart needs --kube-namespace"))
                        .awaitReady(role, READY_AGAIN);
            } finally {
                killed.remove(role);
            }
        }

        @Override
        public void close() {
            // not ours to stop
        }
    }
}

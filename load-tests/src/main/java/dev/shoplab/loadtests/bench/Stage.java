package dev.shoplab.loadtests.bench;

import dev.shoplab.lab.AdminApi;
import dev.shoplab.lab.ControlToken;
import dev.shoplab.lab.LabRun;
import dev.shoplab.lab.architecture.Architecture;
import dev.shoplab.lab.architecture.RunningArchitecture;
import dev.shoplab.lab.infra.Infrastructure;
import dev.shoplab.lab.infra.PostgresEndpoint;
import dev.shoplab.loadtests.scenario.Scenario;
import java.util.Map;
import java.util.Optional;

/**
 * Where the bench's runs happen: the lab's own servers on this machine, each run's architecture started anew on empty
 * databases ({@link LabStage}), or an architecture deployed elsewhere, driven as it is ({@link DeployedStage}).
 */
interface Stage extends AutoCloseable {

    /** One line for the console and the report: what runs where. */
    String describe();

    /** Why {@code scenario} cannot be played on {@code architecture} here; empty when it can. */
    Optional<String> cannotRun(Architecture architecture, Scenario scenario);

    /** The architecture ready for a run, its providers healthy with empty ledgers. */
    RunningArchitecture prepare(LabRun run, Architecture architecture);

    /** The simulators' admin API: faults, ledgers, stats. */
    AdminApi simulators();

    /** The control token of the architecture's admin API. */
    ControlToken token(LabRun run);

    /** The PostgreSQL server that holds {@code database}. */
    PostgresEndpoint database(String database);

    /** The lab's servers, for database and broker restarts; empty when they are not the lab's to restart. */
    Optional<Infrastructure> servers();

    /** The processes whose CPU and memory count as the architecture's, by role; empty when none runs here. */
    Map<String, Long> costRoots(RunningArchitecture running, Architecture architecture);

    /** PostgreSQL's durability, as a line for the report. */
    String durability();

    @Override
    void close();
}

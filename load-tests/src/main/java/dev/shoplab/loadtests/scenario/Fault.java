package dev.shoplab.loadtests.scenario;

import java.time.Duration;
import java.util.Map;

/**
 * One fault of a scenario's timeline: what happens, when (seconds after the load starts) and for how
 * long; at the end of {@code lasting} the fault is lifted (the provider heals, the process restarts).
 *
 * @param action   {@code psp}, {@code mail} (provider fault controls), {@code kill} (SIGKILL a process, then
 *                 restart it), {@code restart-database}, {@code restart-broker}, {@code mesh} (the mesh's retry and
 *                 outlier-detection policy on every hop)
 * @param at       when it starts, from the start of the load (zero for a fault applied live)
 * @param lasting  how long it lasts
 * @param target   for {@code kill}: the bounded context whose host process dies ({@code inventory} …), or a
 *                 process role ({@code payment-service}, {@code monolith})
 * @param settings for {@code psp}/{@code mail}: the fault-control body ({@code latencyMs}, {@code jitterMs},
 *                 {@code errorRate}, {@code timeoutRate}, {@code down}); for {@code mesh}: {@code attempts},
 *                 {@code perTryTimeout}, {@code outlierDetection}
 */
public record Fault(Action action, Duration at, Duration lasting, String target, Map<String, Object> settings) {

    /** The kinds of fault the bench can inject. */
    public enum Action {
        PSP("psp"), MAIL("mail"), KILL("kill"), RESTART_DATABASE("restart-database"), RESTART_BROKER("restart-broker"),
        MESH("mesh");

        private final String yamlName;

        Action(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }

        static Action parse(String value, String where) {
            for (Action a : values()) {
                if (a.yamlName.equals(value)) {
                    return a;
                }
            }
            throw new ScenarioException(where + ": unknown action '" + value + "'; use one of psp, mail, kill, "
                    + "restart-database, restart-broker, mesh");
        }
    }

    /** When the fault is lifted. */
    public Duration end() {
        return at.plus(lasting);
    }

    /** One line for the console and the report, for example {@code psp latencyMs=1000 from 20 s for 20 s}. */
    public String describe() {
        return what() + " from " + at.toSeconds() + " s for " + lasting.toSeconds() + " s";
    }

    /** What is injected, without when: {@code psp latencyMs=1000}, {@code kill inventory}. */
    public String what() {
        StringBuilder s = new StringBuilder(action.yamlName());
        if (target != null) {
            s.append(' ').append(target);
        }
        settings.forEach((k, v) -> s.append(' ').append(k).append('=').append(v));
        return s.toString();
    }
}

package dev.shoplab.loadtests.measure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a run's (or a bench's) wall-clock time goes: one phase at a time, each starting when the one before ends;
 * a phase that comes back adds up. Seconds, rounded to tenths.
 */
public final class PhaseClock {

    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private String current;
    private long since;

    /** Ends the phase under way, if any, and starts {@code phase}. */
    public synchronized void begin(String phase) {
        end();
        current = phase;
        since = System.nanoTime();
    }

    /** Ends the phase under way, if any. */
    public synchronized void end() {
        if (current != null) {
            add(current, (System.nanoTime() - since) / 1e9);
            current = null;
        }
    }

    /** Adds time measured elsewhere to {@code phase}. */
    public synchronized void add(String phase, double secondsTaken) {
        seconds.merge(phase, Math.max(0, secondsTaken), Double::sum);
    }

    /** Seconds by phase, in the order the phases first ran, rounded to tenths; the phase under way is not included. */
    public synchronized Map<String, Double> seconds() {
        Map<String, Double> out = new LinkedHashMap<>();
        seconds.forEach((phase, s) -> out.put(phase, Math.round(s * 10) / 10.0));
        return Collections.unmodifiableMap(out);
    }
}

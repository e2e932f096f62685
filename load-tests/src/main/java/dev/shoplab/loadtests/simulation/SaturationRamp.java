package dev.shoplab.loadtests.simulation;

import java.util.ArrayList;
import java.util.List;

/**
 * The saturation scenario's rule, in one place for the simulation (which stops the ramp once the knee is
 * behind it) and the bench (which reports the knee from the per-order records).
 * <p>
 * A step is <b>within the SLO</b> when fewer than 1 % of its orders are errors (not accepted, or FAILED) and its
 * outcome p99 (nearest rank, over its accepted orders) is at most the SLO — an accepted order without an outcome
 * counts as beyond it. The <b>knee</b> is the highest step within the SLO. The ramp stops after
 * {@code stopAfter} steps in a row broke the SLO: one broken step can be noise on a shared machine, two in a row
 * are the knee behind the load; the steps after it would only build a backlog that the drain then waits for.
 */
public final class SaturationRamp {

    /** Fewer than this share of a step's orders may be errors. */
    public static final double MAX_ERROR_SHARE = 0.01;
    /** The percentile of outcome latency that the SLO bounds. */
    public static final double PERCENTILE = 0.99;

    /** What is known of one step's orders: counted by arrival in the step. */
    public record StepCounts(int orders, int errors, int accepted, int beyondSlo) {

        /** Whether the step is within the SLO (see the class comment). */
        public boolean withinSlo() {
            if (orders == 0) {
                return false;
            }
            int allowedBeyond = accepted - (int) Math.ceil(PERCENTILE * accepted);
            return errors < MAX_ERROR_SHARE * orders && beyondSlo <= allowedBeyond;
        }
    }

    /** How a ramp ended: the knee (null when no step was within the SLO) and whether it was actually found. */
    public record Knee(Double rate, Verdict verdict, int stepsRun) {
    }

    /** Whether the ramp found the knee. */
    public enum Verdict {
        /** A step within the SLO, followed by at least one that broke it: the knee is that step. */
        FOUND,
        /** Every step that ran was within the SLO: the knee lies above the top step. */
        ABOVE_TOP_STEP,
        /** Not even the first step was within the SLO: the knee lies below it. */
        BELOW_FIRST_STEP
    }

    private SaturationRamp() {
    }

    /**
     * The knee of a ramp from its steps in order, as far as they ran ({@code null} entries: steps that never ran
     * because the ramp stopped). Steps are judged in order until {@code stopAfter} of them in a row broke the SLO
     * (0: all of them): that is where the load generator stops the ramp, so a step after it only ran for the
     * moment it took to stop (a few orders, often within the SLO) and is not a step the knee can be on.
     */
    public static Knee knee(List<Double> rates, List<StepCounts> steps, int stopAfter) {
        Double knee = null;
        boolean brokenAfterKnee = false;
        int brokenInARow = 0;
        int run = 0;
        for (int i = 0; i < steps.size(); i++) {
            StepCounts s = steps.get(i);
            if (s == null || s.orders() == 0) {
                continue;
            }
            run++;
            if (stopAfter > 0 && brokenInARow >= stopAfter) {
                continue;
            }
            if (s.withinSlo()) {
                knee = rates.get(i);
                brokenAfterKnee = false;
                brokenInARow = 0;
            } else {
                brokenAfterKnee = knee != null;
                brokenInARow++;
            }
        }
        Verdict verdict = knee == null ? Verdict.BELOW_FIRST_STEP
                : brokenAfterKnee ? Verdict.FOUND : Verdict.ABOVE_TOP_STEP;
        return new Knee(knee, verdict, run);
    }

    /** Whether the ramp should stop: the last {@code stopAfter} evaluated steps all broke the SLO. */
    public static boolean shouldStop(List<Boolean> withinSloInOrder, int stopAfter) {
        if (stopAfter <= 0 || withinSloInOrder.size() < stopAfter) {
            return false;
        }
        for (Boolean ok : withinSloInOrder.subList(withinSloInOrder.size() - stopAfter, withinSloInOrder.size())) {
            if (ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Watches a ramp while it runs (in the load generator's JVM): orders are registered when they start and when
     * they end; a step is judged once its last order is older than the SLO (then every order still in flight is
     * beyond it; {@link #POLL_GRACE_SECONDS} later if some are), in step order, by the rule {@link #knee} applies
     * to the records afterwards. Thread-safe.
     */
    public static final class Watch {

        /**
         * How long after a step is due the watch waits for its orders still in flight, s: an order polled for its
         * outcome may have concluded within the SLO (the bench takes its outcome from the order's own
         * {@code updatedAt}) and is seen only by its next poll, at most {@link LoadSettings#MAX_POLL_PAUSE} later,
         * plus that poll's round trip. Without it the watch judged steps broken that the bench, from the records,
         * judged within the SLO.
         */
        public static final double POLL_GRACE_SECONDS = LoadSettings.MAX_POLL_PAUSE.toMillis() / 1000.0 + 0.5;

        private final List<Double> stepEnds = new ArrayList<>();
        private final long sloMs;
        private final int stopAfter;
        private final int[] orders;
        private final int[] errors;
        private final int[] accepted;
        private final int[] beyond;
        private final int[] inFlight;
        private final List<Boolean> judged = new ArrayList<>();
        private boolean stopped;

        /**
         * @param phases    the steps (rate and duration), in order
         * @param sloMs     the outcome p99 bound, ms
         * @param stopAfter broken steps in a row that stop the ramp (0: never stop)
         */
        public Watch(List<LoadSettings.Phase> phases, long sloMs, int stopAfter) {
            double end = 0;
            for (LoadSettings.Phase p : phases) {
                end += p.duration().toMillis() / 1000.0;
                stepEnds.add(end);
            }
            this.sloMs = sloMs;
            this.stopAfter = stopAfter;
            int n = phases.size();
            orders = new int[n];
            errors = new int[n];
            accepted = new int[n];
            beyond = new int[n];
            inFlight = new int[n];
        }

        /** The step an order that starts {@code second} s after the load's start belongs to. */
        public int stepOf(double second) {
            for (int i = 0; i < stepEnds.size(); i++) {
                if (second < stepEnds.get(i)) {
                    return i;
                }
            }
            return stepEnds.size() - 1;
        }

        /** An order starts in {@code step}. */
        public synchronized void started(int step) {
            orders[step]++;
            inFlight[step]++;
        }

        /**
         * An order of {@code step} ended: accepted or not, a FAILED one is an error, and its outcome latency
         * ({@code -1} when it never concluded).
         */
        public synchronized void ended(int step, boolean wasAccepted, boolean failed, double outcomeMs) {
            inFlight[step]--;
            if (!wasAccepted || failed) {
                errors[step]++;
            }
            if (wasAccepted) {
                accepted[step]++;
                if (outcomeMs < 0 || outcomeMs > sloMs) {
                    beyond[step]++;
                }
            }
        }

        /**
         * Judges, in step order, every step whose last order is older than the SLO at {@code second} — a step with
         * orders still in flight only {@link #POLL_GRACE_SECONDS} later; true once the ramp stops.
         */
        public synchronized boolean judge(double second) {
            while (!stopped && judged.size() < stepEnds.size()) {
                int i = judged.size();
                double due = stepEnds.get(i) + sloMs / 1000.0;
                if (second < due || inFlight[i] > 0 && second < due + POLL_GRACE_SECONDS) {
                    break;
                }
                // an order still in flight now concluded beyond the SLO, or not yet: it is beyond it
                StepCounts counts = new StepCounts(orders[i], errors[i], accepted[i] + inFlight[i],
                        beyond[i] + inFlight[i]);
                judged.add(counts.withinSlo());
                stopped = shouldStop(judged, stopAfter);
            }
            return stopped;
        }

        /** Whether the ramp has stopped (no new order may start). */
        public synchronized boolean stopped() {
            return stopped;
        }

        /** Orders started and not ended yet, all steps together. */
        public synchronized int inFlight() {
            int n = 0;
            for (int f : inFlight) {
                n += f;
            }
            return n;
        }
    }
}

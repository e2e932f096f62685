package dev.shoplab.loadtests.measure;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoplab.lab.AdminApi;
import dev.shoplab.lab.architecture.RunningArchitecture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The counters a run reports, read at one moment: charge requests that reached the PSP, and per process
 * the compensations (by outcome) and the mesh's tries (by destination). Read once before the load and once
 * after, their difference is what the measured load caused, without the warm-up's orders.
 *
 * @param pspChargeRequests charge requests the PSP received
 * @param perProcess        per role: counter name → value, e.g. {@code compensations.succeeded},
 *                          {@code meshTries.inventory-service}
 */
public record Counters(long pspChargeRequests, Map<String, Map<String, Long>> perProcess) {

    private static final String COMPENSATIONS = "compensations.";
    private static final String MESH_TRIES = "meshTries.";
    private static final String MESH_EJECTIONS = "meshEjections.";

    public static Counters read(AdminApi simulators, RunningArchitecture running) {
        Map<String, Map<String, Long>> perProcess = new LinkedHashMap<>();
        running.metricsUrls().forEach((role, url) -> {
            String text = PrometheusText.scrape(url);
            Map<String, Long> counts = new LinkedHashMap<>();
            PrometheusText.sumBy(text, "shoplab_compensations_total", "outcome")
                    .forEach((outcome, n) -> counts.put(COMPENSATIONS + outcome, Math.round(n)));
            PrometheusText.sumBy(text, "shoplab_mesh_upstream_tries_total", "destination")
                    .forEach((destination, n) -> counts.put(MESH_TRIES + destination, Math.round(n)));
            PrometheusText.sumBy(text, "shoplab_mesh_ejections_total", "destination")
                    .forEach((destination, n) -> counts.put(MESH_EJECTIONS + destination, Math.round(n)));
            perProcess.put(role, counts);
        });
        return new Counters(pspChargeRequests(simulators), perProcess);
    }

    /**
     * What was counted since {@code earlier}. A process restarted in between (a crash fault) starts its
     * counters at zero again: a counter lower than before counts from zero.
     */
    public Counters since(Counters earlier) {
        Map<String, Map<String, Long>> delta = new LinkedHashMap<>();
        perProcess.forEach((role, counts) -> {
            Map<String, Long> before = earlier.perProcess().getOrDefault(role, Map.of());
            Map<String, Long> d = new LinkedHashMap<>();
            counts.forEach((name, now) -> {
                long then = before.getOrDefault(name, 0L);
                d.put(name, now >= then ? now - then : now);
            });
            delta.put(role, d);
        });
        return new Counters(Math.max(0, pspChargeRequests - earlier.pspChargeRequests()), delta);
    }

    public long compensationsSucceeded() {
        return sum(COMPENSATIONS + "succeeded");
    }

    public long compensationsFailed() {
        return sum(COMPENSATIONS + "failed");
    }

    /** Tries through the mesh by destination, summed over processes. */
    public Map<String, Long> meshTries() {
        return byDestination(MESH_TRIES);
    }

    /** Endpoints the mesh's outlier detection ejected, by destination (only those with an ejection). */
    public Map<String, Long> meshEjections() {
        Map<String, Long> ejections = byDestination(MESH_EJECTIONS);
        ejections.values().removeIf(n -> n == 0);
        return ejections;
    }

    private Map<String, Long> byDestination(String prefix) {
        Map<String, Long> counts = new LinkedHashMap<>();
        perProcess.values().forEach(c -> c.forEach((name, n) -> {
            if (name.startsWith(prefix)) {
                counts.merge(name.substring(prefix.length()), n, Long::sum);
            }
        }));
        return counts;
    }

    private long sum(String name) {
        return perProcess.values().stream().mapToLong(c -> c.getOrDefault(name, 0L)).sum();
    }

    private static long pspChargeRequests(AdminApi simulators) {
        try {
            return new ObjectMapper().readTree(simulators.get("/admin/stats"))
                    .path("psp").path("chargeRequests").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException("The PSP's stats are not JSON", e);
        }
    }
}

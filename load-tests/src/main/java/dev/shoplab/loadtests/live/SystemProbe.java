package dev.shoplab.loadtests.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoplab.lab.AdminApi;
import dev.shoplab.lab.ControlToken;
import dev.shoplab.lab.architecture.RunningArchitecture;
import dev.shoplab.lab.control.RunningLab;
import dev.shoplab.lab.infra.PostgresEndpoint;
import dev.shoplab.loadtests.measure.PrometheusText;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads one architecture's own figures once a second, from the system itself: requests to the PSP (what the process
 * that hosts payment counts of its calls: a REST client's {@code http_client_requests} to {@code /psp/*}, or its
 * {@code shoplab_psp_attempts_total} charge tries; behind a mesh, the mesh's tries to the PSP's destination, retries
 * included), the mesh's tries per hop and its outlier ejections, and the
 * orders its database holds as not yet concluded. Tells ejections and returns as events. Not thread-safe: one
 * ticker calls it.
 */
final class SystemProbe implements AutoCloseable {

    /**
     * One reading.
     *
     * @param pspCalls          requests that reached the PSP since the previous reading
     * @param meshTries         tries the mesh sent per destination since the previous reading (empty without a mesh)
     * @param pendingInDatabase orders the database holds as not concluded, or -1 when it cannot be read
     * @param meshEjected       the destinations whose endpoints the mesh's outlier detection has ejected now, by name
     *                          (empty without a mesh): an ejection is no fault, and outlasts the faults that caused it
     */
    record Reading(long pspCalls, Map<String, Long> meshTries, long pendingInDatabase, List<String> meshEjected) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String architecture;
    private final RunningArchitecture running;
    private final PostgresEndpoint postgres;
    private final String ordersDatabase;
    private final String pendingSql;
    private final String pspAddress;
    private final Optional<AdminApi> mesh;
    private final Consumer<String> events;
    private final Map<String, Long> lastTries = new HashMap<>();
    private final Map<String, Boolean> ejected = new HashMap<>();
    private long lastPsp = -1;
    private String pspDestination;
    private Connection connection;

    SystemProbe(RunningLab.Started started, RunningLab lab, Consumer<String> events) {
        this.architecture = started.name();
        this.running = started.running();
        this.postgres = lab.stack().infrastructure().postgres();
        this.ordersDatabase = started.architecture().auditQueries().ordersDatabase();
        // the audit's own query of orders, counted: no table name of any architecture is written here
        this.pendingSql = "select count(*) from (" + started.architecture().auditQueries().ordersSql()
                + ") o where o.status not in ('CONFIRMED', 'REJECTED', 'FAILED')";
        URI psp = URI.create(lab.stack().simulators().pspUrl());
        this.pspAddress = psp.getHost() + ":" + psp.getPort();
        ControlToken token = lab.run().controlToken();
        this.mesh = running.meshAdminUrl().map(url -> new AdminApi(url, token));
        this.events = events;
    }

    Reading read() {
        Map<String, Long> tries = mesh.isPresent() ? meshTries() : Map.of();
        long psp = pspCallsTotal();
        long pspDelta = lastPsp < 0 || psp < lastPsp ? 0 : psp - lastPsp; // a restarted process counts from 0
        lastPsp = psp;
        List<String> out = ejected.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).sorted()
                .toList();
        return new Reading(pspDelta, tries, pendingInDatabase(), out);
    }

    /** Requests that reached the PSP so far: behind a mesh its tries to the PSP, else the payment host's client calls. */
    private long pspCallsTotal() {
        if (mesh.isPresent()) {
            return pspDestination == null ? 0 : lastTries.getOrDefault(pspDestination, 0L);
        }
        String host = running.hostOf("payment");
        String text = PrometheusText.scrape(running.serviceUrl(host) + "/q/metrics");
        // a REST client counts every call by uri; a service that calls with the JDK's client counts its charge tries
        return Math.round(PrometheusText.sum(text, "http_client_requests_seconds_count",
                labels -> labels.getOrDefault("uri", "").startsWith("/psp/"))
                + PrometheusText.sum(text, "shoplab_psp_attempts_total", labels -> true));
    }

    /** Tries per destination since the last reading; notes the PSP's destination and every ejection and return. */
    private Map<String, Long> meshTries() {
        String url = running.meshAdminUrl().orElseThrow();
        Map<String, Double> totals = PrometheusText.sumBy(PrometheusText.scrape(url + "/metrics"),
                "shoplab_mesh_upstream_tries_total", "destination");
        Map<String, Long> delta = new LinkedHashMap<>();
        totals.forEach((destination, total) -> {
            long now = Math.round(total);
            Long before = lastTries.put(destination, now);
            delta.put(destination, before == null || now < before ? 0 : now - before);
        });
        try {
            JsonNode destinations = JSON.readTree(mesh.orElseThrow().get("/admin/policies")).path("destinations");
            for (Iterator<Map.Entry<String, JsonNode>> it = destinations.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> d = it.next();
                boolean out = false;
                for (JsonNode upstream : d.getValue().path("upstreams")) {
                    out |= upstream.path("ejected").asBoolean();
                    if (pspAddress.equals(upstream.path("address").asText())) {
                        pspDestination = d.getKey();
                    }
                }
                Boolean was = ejected.put(d.getKey(), out);
                if (was != null && was != out) {
                    events.accept(out ? d.getKey() + " ejected by outlier detection (" + architecture + "'s mesh)"
                            : d.getKey() + " back in the mesh's pool (" + architecture + ")");
                }
            }
        } catch (IOException | RuntimeException e) {
            // the mesh did not answer this second: the next reading tries again
        }
        return delta;
    }

    private long pendingInDatabase() {
        try {
            if (connection == null || connection.isClosed()) {
                connection = postgres.connect(ordersDatabase);
                connection.setReadOnly(true);
            }
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(pendingSql)) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            close(); // PostgreSQL restarting, or the schema not there yet: reconnect next time
            return -1;
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // closing a broken connection: nothing to keep
            }
            connection = null;
        }
    }
}

package dev.shoplab.mesh.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/** The mesh's counters and gauges, rendered in the Prometheus text format on the admin port. */
public final class MeshMetrics {

    /** A counter family with fixed label names; one time series per label value tuple. */
    public static final class Counter {
        private final String name;
        private final String help;
        private final List<String> labels;
        private final Map<List<String>, LongAdder> series = new ConcurrentSkipListMap<>(MeshMetrics::compare);

        private Counter(String name, String help, List<String> labels) {
            this.name = name;
            this.help = help;
            this.labels = labels;
        }

        /** Adds one to the series with these label values (in the order of the label names). */
        public void inc(String... values) {
            series.computeIfAbsent(List.of(values), v -> new LongAdder()).increment();
        }

        /** Adds {@code n} (≥ 0) to the series with these label values. */
        public void add(long n, String... values) {
            series.computeIfAbsent(List.of(values), v -> new LongAdder()).add(n);
        }

        /** The current value of one series (0 if it never moved). */
        public long value(String... values) {
            LongAdder a = series.get(List.of(values));
            return a == null ? 0 : a.sum();
        }

        /** The sum over every series whose label values start with these values. */
        public long sum(String... prefix) {
            long total = 0;
            for (Map.Entry<List<String>, LongAdder> e : series.entrySet()) {
                if (e.getKey().subList(0, prefix.length).equals(List.of(prefix))) {
                    total += e.getValue().sum();
                }
            }
            return total;
        }
    }

    private record Gauge(String name, String help, List<String> labels, List<String> values, LongSupplier value) {
    }

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final List<Counter> order = new ArrayList<>();
    private final List<Gauge> gauges = new ArrayList<>();

    /** Downstream requests by final outcome. */
    public final Counter requests = counter("shoplab_mesh_requests_total",
            "Requests answered by the mesh, by destination, route, final status code and outcome",
            "destination", "route", "code", "outcome");
    /**
     * The tries of the requests answered that left for an endpoint, counted when each request is answered (0 for a
     * request answered without one: overflow, no healthy upstream, an injected abort):
     * divided by {@link #requests} over the same window it is tries per request, never above {@code 1 + attempts},
     * where {@link #tries} counted as they happen would also count tries of requests still in flight.
     */
    public final Counter requestTries = counter("shoplab_mesh_request_tries_total",
            "Tries made for the requests answered, counted when each request is answered, by destination and route",
            "destination", "route");
    /** Upstream tries by outcome (a status code, connect_failure, reset, per_try_timeout, cancelled). */
    public final Counter tries = counter("shoplab_mesh_upstream_tries_total",
            "Tries sent to an upstream endpoint, by destination, route, endpoint and outcome",
            "destination", "route", "upstream", "outcome");
    /** Retries scheduled. */
    public final Counter retries = counter("shoplab_mesh_retries_total",
            "Retries scheduled (Envoy upstream_rq_retry)", "destination", "route");
    /** Retries refused by the maxRetries circuit breaker. */
    public final Counter retryOverflows = counter("shoplab_mesh_retry_overflows_total",
            "Retries not done because connectionPool.http.maxRetries was reached (Envoy upstream_rq_retry_overflow)",
            "destination", "route");
    /** Tries cut by perTryTimeout. */
    public final Counter perTryTimeouts = counter("shoplab_mesh_per_try_timeouts_total",
            "Tries cut by perTryTimeout (Envoy upstream_rq_per_try_timeout)", "destination", "route");
    /** Requests cut by the route timeout. */
    public final Counter routeTimeouts = counter("shoplab_mesh_route_timeouts_total",
            "Requests cut by the route timeout (Envoy upstream_rq_timeout)", "destination", "route");
    /** Requests refused because the pending queue was full. */
    public final Counter overflows = counter("shoplab_mesh_overflows_total",
            "Requests answered 503 x-envoy-overloaded because the connection pool and its pending queue were full "
                    + "(Envoy upstream_rq_pending_overflow)", "destination");
    /** Requests answered 503 because every endpoint was ejected. */
    public final Counter noHealthyUpstream = counter("shoplab_mesh_no_healthy_upstream_total",
            "Requests answered 503 'no healthy upstream' because every endpoint was ejected", "destination");
    /** Injected faults. */
    public final Counter faults = counter("shoplab_mesh_faults_total",
            "Faults injected by VirtualService fault rules, by kind (delay, abort)", "destination", "route", "fault");
    /** Outlier ejections. */
    public final Counter ejections = counter("shoplab_mesh_ejections_total",
            "Endpoints ejected by outlier detection (Envoy outlier_detection.ejections_enforced_total)",
            "destination", "upstream");
    /** Policy reloads. */
    public final Counter reloads = counter("shoplab_mesh_policy_reloads_total",
            "Policy reloads from files or the admin API, by result (ok, error)", "result");

    private Counter counter(String name, String help, String... labels) {
        Counter c = new Counter(name, help, List.of(labels));
        counters.put(name, c);
        order.add(c);
        return c;
    }

    /** Registers a gauge read at scrape time. */
    public synchronized void gauge(String name, String help, List<String> labels, List<String> values, LongSupplier value) {
        gauges.add(new Gauge(name, help, labels, values, value));
    }

    /** Renders every metric in the Prometheus text exposition format 0.0.4. */
    public synchronized String render() {
        StringBuilder sb = new StringBuilder();
        for (Counter c : order) {
            sb.append("# HELP ").append(c.name).append(' ').append(c.help).append('\n');
            sb.append("# TYPE ").append(c.name).append(" counter\n");
            c.series.forEach((values, adder) -> line(sb, c.name, c.labels, values, adder.sum()));
        }
        String last = null;
        List<Gauge> byName = new ArrayList<>(gauges);
        byName.sort(Comparator.comparing(Gauge::name));
        for (Gauge g : byName) {
            if (!g.name.equals(last)) {
                sb.append("# HELP ").append(g.name).append(' ').append(g.help).append('\n');
                sb.append("# TYPE ").append(g.name).append(" gauge\n");
                last = g.name;
            }
            line(sb, g.name, g.labels, g.values, g.value.getAsLong());
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String name, List<String> labels, List<String> values, long value) {
        sb.append(name);
        if (!labels.isEmpty()) {
            sb.append('{');
            for (int i = 0; i < labels.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(labels.get(i)).append("=\"").append(escape(values.get(i))).append('"');
            }
            sb.append('}');
        }
        sb.append(' ').append(value).append('\n');
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static int compare(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}

package dev.shoplab.loadtests.audit;

import dev.shoplab.lab.architecture.AuditQueries;
import dev.shoplab.lab.infra.PostgresEndpoint;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The audit after a run: reads the architecture's databases read-only and the providers' ledgers, and
 * counts what must never happen — acknowledged orders that are gone, orders never finished, stock that
 * does not add up, money that does not match the order, double charges, and notifications missing or
 * sent twice.
 */
public final class Audit {

    /** An order as the architecture's database holds it. */
    public record StoredOrder(String orderId, String status, long totalCents) {

        public boolean terminal() {
            return status.equals("CONFIRMED") || status.equals("REJECTED") || status.equals("FAILED");
        }
    }

    /**
     * What the databases held before a run, read right after its seed: the audit counts only what came after. Empty
     * when the run starts on empty databases (the lab's runs); a deployment elsewhere keeps the orders of its earlier
     * runs, and its stock is seeded anew, so this run's sold units are the confirmed units now less those before. The
     * seed sets the available units and keeps those earlier orders still hold (docs/DESIGN.md), so the units a sku
     * starts the run with are the seeded ones and those held ones.
     *
     * @param orderIds       the orders there were
     * @param confirmedUnits per sku, the units of the CONFIRMED orders there were
     * @param reservedUnits  per sku, the units reserved after the seed (held by earlier orders still in flight)
     */
    public record Baseline(Set<String> orderIds, Map<String, Long> confirmedUnits, Map<String, Long> reservedUnits) {

        /** Nothing before: empty databases. */
        public static final Baseline NONE = new Baseline(Set.of(), Map.of(), Map.of());

        /** Reads what the databases hold now. */
        public static Baseline read(Function<String, PostgresEndpoint> servers, AuditQueries queries) {
            Snapshot now = Snapshot.read(servers, queries);
            Set<String> ids = new HashSet<>();
            now.orders().forEach(o -> ids.add(o.orderId()));
            Map<String, Long> reserved = new HashMap<>();
            now.stock().forEach((sku, level) -> {
                if (level.reserved() != 0) {
                    reserved.put(sku, level.reserved());
                }
            });
            return new Baseline(Set.copyOf(ids), Map.copyOf(now.confirmedUnits()), Map.copyOf(reserved));
        }

        /** The units each seeded sku starts the run with: {@code seeded} (available) and those earlier orders hold. */
        Map<String, Long> startingStock(Map<String, Long> seeded) {
            Map<String, Long> starting = new HashMap<>(seeded);
            starting.replaceAll((sku, available) -> available + reservedUnits.getOrDefault(sku, 0L));
            return starting;
        }

        /** What came after this baseline in {@code now}: its new orders, and the units they sold. */
        Snapshot after(Snapshot now) {
            if (this == NONE) {
                return now;
            }
            List<StoredOrder> newOrders = now.orders().stream().filter(o -> !orderIds.contains(o.orderId())).toList();
            Map<String, Long> units = new HashMap<>(now.confirmedUnits());
            confirmedUnits.forEach((sku, before) -> units.merge(sku, -before, Long::sum));
            return new Snapshot(newOrders, units, now.stock());
        }
    }

    /** Stock of one sku as the architecture's database holds it. */
    public record StoredStock(long available, long reserved) {
    }

    private Audit() {
    }

    /**
     * Reads the databases and the ledgers and counts violations.
     *
     * @param acknowledged the order ids the architecture acknowledged to clients (2xx with an id)
     * @param initialStock the stock each sku was seeded with
     */
    public static AuditFindings run(PostgresEndpoint postgres, AuditQueries queries, Set<String> acknowledged,
                                    Map<String, Long> initialStock, ProviderLedgers ledgers) {
        return AuditFindings.of(violations(postgres, queries, acknowledged, initialStock, ledgers));
    }

    /**
     * Reads the databases — each on the server {@code servers} gives for its name — and the ledgers, and counts
     * violations among what came after {@code baseline}; {@code initialStock} is what the seed set available.
     */
    public static AuditFindings run(Function<String, PostgresEndpoint> servers, AuditQueries queries,
                                    Set<String> acknowledged, Map<String, Long> initialStock, ProviderLedgers ledgers,
                                    Baseline baseline) {
        Snapshot snapshot = baseline.after(Snapshot.read(servers, queries));
        return AuditFindings.of(violations(snapshot.orders(), snapshot.confirmedUnits(), snapshot.stock(),
                acknowledged, baseline.startingStock(initialStock), ledgers));
    }

    /** The counting itself, on data already read (pure; unit-tested). */
    public static AuditFindings count(List<StoredOrder> orders, Map<String, Long> confirmedUnits,
                                      Map<String, StoredStock> stock, Set<String> acknowledged,
                                      Map<String, Long> initialStock, ProviderLedgers ledgers) {
        return AuditFindings.of(violations(orders, confirmedUnits, stock, acknowledged, initialStock, ledgers));
    }

    /** Reads what {@link #run} reads and returns every violation, each named by its kind and subject. */
    public static List<Violation> violations(PostgresEndpoint postgres, AuditQueries queries, Set<String> acknowledged,
                                             Map<String, Long> initialStock, ProviderLedgers ledgers) {
        Snapshot snapshot = Snapshot.read(postgres, queries);
        return violations(snapshot.orders(), snapshot.confirmedUnits(), snapshot.stock(), acknowledged, initialStock,
                ledgers);
    }

    /** Every violation in data already read, in the order of the seven counts (pure). */
    public static List<Violation> violations(List<StoredOrder> orders, Map<String, Long> confirmedUnits,
                                             Map<String, StoredStock> stock, Set<String> acknowledged,
                                             Map<String, Long> initialStock, ProviderLedgers ledgers) {
        List<Violation> found = new ArrayList<>();
        Map<String, StoredOrder> byId = new HashMap<>();
        orders.forEach(o -> byId.put(o.orderId(), o));

        for (String id : acknowledged) {
            if (!byId.containsKey(id)) {
                found.add(new Violation(Violation.Kind.LOST, id, "acknowledged order " + id + " is not in the database"));
            }
        }

        for (StoredOrder o : orders) {
            if (!o.terminal()) {
                found.add(new Violation(Violation.Kind.STUCK, o.orderId(), "order " + o.orderId() + " is still "
                        + o.status()));
            }
        }

        for (Map.Entry<String, Long> initial : initialStock.entrySet()) {
            String sku = initial.getKey();
            StoredStock s = stock.get(sku);
            long sold = confirmedUnits.getOrDefault(sku, 0L);
            long expected = initial.getValue() - sold;
            long held = s == null ? 0 : s.available() + s.reserved();
            if (s == null || s.available() < 0 || held != expected) {
                found.add(new Violation(Violation.Kind.STOCK, sku, sku + ": initial " + initial.getValue()
                        + " − confirmed " + sold + " = " + expected + ", but available "
                        + (s == null ? "?" : s.available()) + " + reserved " + (s == null ? "?" : s.reserved())
                        + " = " + held));
            }
        }

        Map<String, Long> netByOrder = new HashMap<>();
        Map<String, Integer> capturesByOrder = new HashMap<>();
        for (ProviderLedgers.Charge charge : ledgers.charges()) {
            if (charge.captured()) {
                netByOrder.merge(charge.orderId(), charge.amountCents() - charge.refundedCents(), Long::sum);
                capturesByOrder.merge(charge.orderId(), 1, Integer::sum);
            }
        }
        for (StoredOrder o : orders) {
            long net = netByOrder.getOrDefault(o.orderId(), 0L);
            long expected = o.status().equals("CONFIRMED") ? o.totalCents() : 0;
            if (o.terminal() && net != expected) {
                found.add(new Violation(Violation.Kind.MONEY, o.orderId(), "order " + o.orderId() + " " + o.status()
                        + " total " + o.totalCents() + " but captured − refunded = " + net));
            }
        }
        for (Map.Entry<String, Long> e : netByOrder.entrySet()) {
            if (!byId.containsKey(e.getKey()) && e.getValue() != 0) {
                found.add(new Violation(Violation.Kind.MONEY, e.getKey(), e.getValue() + " cents captured for "
                        + e.getKey() + ", which is no order in the database"));
            }
        }

        for (Map.Entry<String, Integer> e : capturesByOrder.entrySet()) {
            if (e.getValue() > 1) {
                found.add(new Violation(Violation.Kind.DOUBLE_CHARGE, e.getKey(), e.getKey() + " was captured "
                        + e.getValue() + " times"));
            }
        }

        Map<String, Integer> mailsByOrder = new HashMap<>();
        ledgers.messages().forEach(m -> mailsByOrder.merge(m.orderId(), 1, Integer::sum));
        Set<String> seen = new HashSet<>();
        for (StoredOrder o : orders) {
            if (!seen.add(o.orderId()) || !o.terminal()) {
                continue;
            }
            int mails = mailsByOrder.getOrDefault(o.orderId(), 0);
            if (mails == 0) {
                found.add(new Violation(Violation.Kind.MISSING_NOTIFICATION, o.orderId(), "order " + o.orderId() + " "
                        + o.status() + " got no mail"));
            } else if (mails > 1) {
                found.add(new Violation(Violation.Kind.DUPLICATE_NOTIFICATION, o.orderId(), "order " + o.orderId()
                        + " got " + mails + " mails"));
            }
        }
        return found;
    }

    /** What an architecture's databases hold at one moment: its orders, the units its confirmed orders sold, its stock. */
    public record Snapshot(List<StoredOrder> orders, Map<String, Long> confirmedUnits,
                           Map<String, StoredStock> stock) {

        /** Reads the three queries, read-only, on one server. */
        public static Snapshot read(PostgresEndpoint postgres, AuditQueries queries) {
            return read(database -> postgres, queries);
        }

        /** Reads the three queries, read-only, each database on the server {@code servers} gives for its name. */
        public static Snapshot read(Function<String, PostgresEndpoint> servers, AuditQueries queries) {
            PostgresEndpoint postgres = servers.apply(queries.ordersDatabase());
            List<StoredOrder> orders = new ArrayList<>();
            Map<String, Long> confirmedUnits = new HashMap<>();
            Map<String, StoredStock> stock = new HashMap<>();
            try (Connection c = readOnly(postgres, queries.ordersDatabase()); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery(queries.ordersSql())) {
                    while (rs.next()) {
                        orders.add(new StoredOrder(rs.getString("order_id"), rs.getString("status"),
                                rs.getLong("total_cents")));
                    }
                }
                try (ResultSet rs = s.executeQuery(queries.confirmedUnitsSql())) {
                    while (rs.next()) {
                        confirmedUnits.merge(rs.getString("sku"), rs.getLong("units"), Long::sum);
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Audit cannot read orders from " + queries.ordersDatabase() + " on "
                        + postgres + ": "
                        + e.getMessage(), e);
            }
            try (Connection c = readOnly(servers.apply(queries.stockDatabase()), queries.stockDatabase());
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery(queries.stockSql())) {
                while (rs.next()) {
                    stock.put(rs.getString("sku"), new StoredStock(rs.getLong("available"), rs.getLong("reserved")));
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Audit cannot read stock from " + queries.stockDatabase() + ": "
                        + e.getMessage(), e);
            }
            return new Snapshot(orders, confirmedUnits, stock);
        }
    }

    private static Connection readOnly(PostgresEndpoint postgres, String database) throws SQLException {
        Connection c = postgres.connect(database);
        c.setReadOnly(true);
        try (Statement s = c.createStatement()) {
            s.execute("set session characteristics as transaction read only");
        }
        return c;
    }
}

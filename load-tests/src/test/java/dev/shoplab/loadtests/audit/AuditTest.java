package dev.shoplab.loadtests.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoplab.lab.architecture.AuditQueries;
import dev.shoplab.lab.infra.PostgresEndpoint;
import dev.shoplab.testing.TestLab;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit finds each kind of violation in a real PostgreSQL database seeded with exactly that
 * violation, and finds nothing in a consistent one.
 */
class AuditTest {

    private static PostgresEndpoint postgres;

    private static final AuditQueries QUERIES = new AuditQueries("audit_fixture",
            "select order_id, status, total_cents from orders",
            "select l.sku, sum(l.quantity) as units from order_lines l join orders o using (order_id) "
                    + "where o.status = 'CONFIRMED' group by l.sku",
            "audit_fixture", "select sku, available, reserved from stock");

    @BeforeAll
    static void database() {
        postgres = TestLab.get().postgres();
        postgres.dropDatabase("audit_fixture");
        postgres.createDatabase("audit_fixture");
    }

    /** A consistent shop: o-1 confirmed (2 × SKU-0001 at 500), o-2 rejected, o-3 failed; stock and money add up. */
    private static void seedConsistentShop() throws Exception {
        try (Connection c = postgres.connect("audit_fixture"); Statement s = c.createStatement()) {
            s.execute("drop table if exists orders, order_lines, stock");
            s.execute("create table orders (order_id text primary key, status text, total_cents bigint)");
            s.execute("create table order_lines (order_id text, sku text, quantity int)");
            s.execute("create table stock (sku text primary key, available bigint, reserved bigint)");
            s.execute("insert into orders values ('o-1','CONFIRMED',1000), ('o-2','REJECTED',700), ('o-3','FAILED',300)");
            s.execute("insert into order_lines values ('o-1','SKU-0001',2), ('o-2','SKU-0002',1), ('o-3','SKU-0001',1)");
            s.execute("insert into stock values ('SKU-0001', 8, 0), ('SKU-0002', 5, 0)");
        }
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = postgres.connect("audit_fixture"); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static final Map<String, Long> INITIAL = Map.of("SKU-0001", 10L, "SKU-0002", 5L);

    private static ProviderLedgers consistentLedgers() {
        return new ProviderLedgers(
                List.of(new ProviderLedgers.Charge("ch-1", "o-1", "o-1", 1000, "captured", 0),
                        new ProviderLedgers.Charge("ch-2", "o-2", "o-2", 700, "declined", 0),
                        new ProviderLedgers.Charge("ch-3", "o-3", "o-3", 300, "captured", 300)),
                List.of(new ProviderLedgers.MailMessage("m-1", "o-1", "ORDER_CONFIRMED"),
                        new ProviderLedgers.MailMessage("m-2", "o-2", "ORDER_REJECTED"),
                        new ProviderLedgers.MailMessage("m-3", "o-3", "ORDER_FAILED")));
    }

    private static AuditFindings audit(Set<String> acknowledged, ProviderLedgers ledgers) {
        return Audit.run(postgres, QUERIES, acknowledged, INITIAL, ledgers);
    }

    @Test
    void a_consistent_shop_is_clean() throws Exception {
        seedConsistentShop();
        AuditFindings f = audit(Set.of("o-1", "o-2", "o-3"), consistentLedgers());
        assertTrue(f.clean(), f.toString());
    }

    @Test
    void finds_an_acknowledged_order_that_is_gone() throws Exception {
        seedConsistentShop();
        assertEquals(1, audit(Set.of("o-1", "o-2", "o-3", "o-lost"), consistentLedgers()).lostOrders());
    }

    @Test
    void finds_an_order_that_never_finished() throws Exception {
        seedConsistentShop();
        sql("insert into orders values ('o-4','PENDING',100)");
        AuditFindings f = audit(Set.of("o-1", "o-2", "o-3", "o-4"), consistentLedgers());
        assertEquals(1, f.stuckOrders());
        assertEquals(0, f.missingNotifications(), "a pending order is stuck, not missing a notification");
    }

    @Test
    void finds_oversold_and_leaked_stock() throws Exception {
        seedConsistentShop();
        sql("update stock set available = -1 where sku = 'SKU-0002'");
        sql("update stock set reserved = 1 where sku = 'SKU-0001'");
        AuditFindings f = audit(Set.of("o-1", "o-2", "o-3"), consistentLedgers());
        assertEquals(2, f.oversoldSkus(), f.examples().toString());
    }

    /**
     * A deployment re-seeded while an earlier run's order still holds units (the seed keeps what orders in flight
     * hold): those units are part of the stock this run starts with, whether that order stays PENDING or concludes
     * during the run.
     */
    @Test
    void counts_units_earlier_orders_hold_after_the_seed_as_part_of_the_stock_a_run_starts_with() throws Exception {
        sql("drop table if exists orders, order_lines, stock");
        sql("create table orders (order_id text primary key, status text, total_cents bigint)");
        sql("create table order_lines (order_id text, sku text, quantity int)");
        sql("create table stock (sku text primary key, available bigint, reserved bigint)");
        // an earlier run's order holds 2 units; the seed set 10 available and kept them
        sql("insert into orders values ('o-0','PENDING',1000)");
        sql("insert into order_lines values ('o-0','SKU-0001',2)");
        sql("insert into stock values ('SKU-0001', 10, 2), ('SKU-0002', 5, 0)");
        Audit.Baseline baseline = Audit.Baseline.read(database -> postgres, QUERIES);
        // this run: o-1 sells 2 units
        sql("insert into orders values ('o-1','CONFIRMED',1000)");
        sql("insert into order_lines values ('o-1','SKU-0001',2)");
        sql("update stock set available = 8 where sku = 'SKU-0001'");
        ProviderLedgers ledgers = new ProviderLedgers(
                List.of(new ProviderLedgers.Charge("ch-1", "o-1", "o-1", 1000, "captured", 0)),
                List.of(new ProviderLedgers.MailMessage("m-1", "o-1", "ORDER_CONFIRMED")));

        AuditFindings whileItWaits = Audit.run(database -> postgres, QUERIES, Set.of("o-1"), INITIAL, ledgers, baseline);
        sql("update orders set status = 'CONFIRMED' where order_id = 'o-0'");
        sql("update stock set reserved = 0 where sku = 'SKU-0001'");
        AuditFindings onceItSold = Audit.run(database -> postgres, QUERIES, Set.of("o-1"), INITIAL, ledgers, baseline);

        assertTrue(whileItWaits.clean(), whileItWaits.examples().toString());
        assertTrue(onceItSold.clean(), onceItSold.examples().toString());
    }

    @Test
    void finds_money_that_does_not_match_the_order() throws Exception {
        seedConsistentShop();
        ProviderLedgers ledgers = new ProviderLedgers(List.of(
                new ProviderLedgers.Charge("ch-1", "o-1", "o-1", 900, "captured", 0),
                new ProviderLedgers.Charge("ch-3", "o-3", "o-3", 300, "captured", 0),
                new ProviderLedgers.Charge("ch-9", "o-9", "o-9", 400, "captured", 0)),
                consistentLedgers().messages());
        AuditFindings f = audit(Set.of("o-1", "o-2", "o-3"), ledgers);
        assertEquals(3, f.moneyMismatches(), "short capture, failed order kept its money, money without an order: "
                + f.examples());
    }

    @Test
    void finds_a_double_charge() throws Exception {
        seedConsistentShop();
        ProviderLedgers ledgers = new ProviderLedgers(List.of(
                new ProviderLedgers.Charge("ch-1", "k-1", "o-1", 1000, "captured", 0),
                new ProviderLedgers.Charge("ch-1b", "k-2", "o-1", 1000, "captured", 1000),
                new ProviderLedgers.Charge("ch-3", "o-3", "o-3", 300, "captured", 300)),
                consistentLedgers().messages());
        AuditFindings f = audit(Set.of("o-1", "o-2", "o-3"), ledgers);
        assertEquals(1, f.doubleCharges());
        assertEquals(0, f.moneyMismatches(), "refunded second capture leaves the right net amount");
    }

    @Test
    void finds_missing_and_duplicated_notifications() throws Exception {
        seedConsistentShop();
        ProviderLedgers ledgers = new ProviderLedgers(consistentLedgers().charges(), List.of(
                new ProviderLedgers.MailMessage("m-1", "o-1", "ORDER_CONFIRMED"),
                new ProviderLedgers.MailMessage("m-1b", "o-1", "ORDER_CONFIRMED"),
                new ProviderLedgers.MailMessage("m-3", "o-3", "ORDER_FAILED")));
        AuditFindings f = audit(Set.of("o-1", "o-2", "o-3"), ledgers);
        assertEquals(1, f.missingNotifications());
        assertEquals(1, f.duplicateNotifications());
    }
}

package dev.shoplab.monolith.app.support;

import dev.shoplab.conformance.ShopClient;
import java.time.Duration;

/**
 * Orders as a process that died between an order's two transactions leaves them, staged in SQL: the order row PENDING,
 * its line, its stock reserved — what the recovery job exists for.
 */
public final class OrdersLeftPending {

    private OrdersLeftPending() {
    }

    /**
     * Stages order {@code orderId}, created {@code age} ago: one line of {@code quantity} × {@code sku} at the
     * catalogue's price, those units moved from available to reserved. In one statement, so that no round of the
     * recovery job sees the order without its reserved stock.
     */
    public static void stage(String orderId, String sku, int quantity, Duration age) {
        long price = ShopClient.priceOf(sku);
        MonolithDatabase.execute("with staged as (insert into orders.orders (id, customer_id, status, total_cents,"
                + " request_fingerprint, created_at, updated_at) values (?::uuid, 'c-crashed', 'PENDING', ?, 'staged',"
                + " now() - ? * interval '1 millisecond', now() - ? * interval '1 millisecond') returning id),"
                + " line as (insert into orders.order_lines (order_id, line_no, sku, quantity, unit_price_cents)"
                + " select id, 0, ?, ?, ? from staged)"
                + " update inventory.stock set available = available - ?, reserved = reserved + ? where sku = ?",
                orderId, quantity * price, age.toMillis(), age.toMillis(), sku, quantity, price, quantity, quantity, sku);
    }
}

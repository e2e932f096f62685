package dev.shoplab.eventdriven.order.persistence;

import dev.shoplab.eventdriven.messaging.Sql;
import dev.shoplab.eventdriven.order.domain.OrderStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** An order as the edge accepted it, with where its saga stands: a row of {@code orders}. */
public class OrderRow {

    /** Inserts a new order; parameters from {@link #insertParameters()}. */
    public static final String INSERT = """
            insert into orders (id, customer_id, status, reason, reason_detail, total_cents, payment_token,
                                idempotency_key, request_fingerprint, traceparent, created_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    public UUID id;

    public String customerId;

    public OrderStatus status;

    public String reason;

    public String reasonDetail;

    public long totalCents;

    public String paymentToken;

    public String idempotencyKey;

    public String requestFingerprint;

    public String traceparent;

    public Instant createdAt;

    public Instant updatedAt;

    /** The row a plain SQL query ({@code select * from orders}) found. */
    public static OrderRow read(ResultSet row) throws SQLException {
        OrderRow order = new OrderRow();
        order.id = row.getObject("id", UUID.class);
        order.customerId = row.getString("customer_id");
        order.status = OrderStatus.valueOf(row.getString("status"));
        order.reason = row.getString("reason");
        order.reasonDetail = row.getString("reason_detail");
        order.totalCents = row.getLong("total_cents");
        order.paymentToken = row.getString("payment_token");
        order.idempotencyKey = row.getString("idempotency_key");
        order.requestFingerprint = row.getString("request_fingerprint");
        order.traceparent = row.getString("traceparent");
        order.createdAt = Sql.instant(row, "created_at");
        order.updatedAt = Sql.instant(row, "updated_at");
        return order;
    }

    /** The parameters of {@link #INSERT}. */
    public Object[] insertParameters() {
        return new Object[] {id, customerId, status, reason, reasonDetail, totalCents, paymentToken, idempotencyKey,
                requestFingerprint, traceparent, createdAt, updatedAt};
    }
}

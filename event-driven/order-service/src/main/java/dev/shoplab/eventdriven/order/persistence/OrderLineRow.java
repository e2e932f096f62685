package dev.shoplab.eventdriven.order.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** One line of an order, with the unit price it was priced at: a row of {@code order_line}. */
public class OrderLineRow {

    /** Inserts a line; parameters from {@link #insertParameters()}. */
    public static final String INSERT = """
            insert into order_line (order_id, line_no, sku, quantity, unit_price_cents) values (?, ?, ?, ?, ?)""";

    public UUID orderId;

    public int lineNo;

    public String sku;

    public int quantity;

    public long unitPriceCents;

    /** The row a plain SQL query ({@code select * from order_line}) found. */
    public static OrderLineRow read(ResultSet row) throws SQLException {
        OrderLineRow line = new OrderLineRow();
        line.orderId = row.getObject("order_id", UUID.class);
        line.lineNo = row.getInt("line_no");
        line.sku = row.getString("sku");
        line.quantity = row.getInt("quantity");
        line.unitPriceCents = row.getLong("unit_price_cents");
        return line;
    }

    /** The parameters of {@link #INSERT}. */
    public Object[] insertParameters() {
        return new Object[] {orderId, lineNo, sku, quantity, unitPriceCents};
    }
}

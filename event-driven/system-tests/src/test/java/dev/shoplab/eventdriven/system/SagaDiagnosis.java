package dev.shoplab.eventdriven.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Where sagas stand when a test gives up waiting: per order its status and the state of its payment and
 * reservation; per service its unpublished outbox rows and its consumer group's lag. For failure messages.
 */
final class SagaDiagnosis {

    private static final List<String> GROUPS = List.of("order-service", "inventory-service", "payment-service",
            "notification-service");

    private SagaDiagnosis() {
    }

    static String of(EventDrivenShop shop, Collection<String> orderIds) {
        StringBuilder out = new StringBuilder("\n--- saga diagnosis ---\n");
        try {
            for (String id : orderIds) {
                out.append(id).append(": order ").append(one(shop, "ed_order",
                                "select status || coalesce(' ' || reason, '') from orders where id::text = ?", id))
                        .append(", timeline ").append(one(shop, "ed_order", "select string_agg(event_type, ' > ' order by"
                                + " occurred_at) from order_timeline where order_id::text = ?", id))
                        .append(", reservation ").append(one(shop, "ed_inventory",
                                "select state from reservation where order_id = ?", id))
                        .append(", payment ").append(one(shop, "ed_payment", "select state || ' attempts=' || attempts"
                                + " || coalesce(' last=' || last_failure, '') from payment where order_id = ?", id))
                        .append(", mail ").append(one(shop, "ed_notification",
                                "select state from notification where order_id = ?", id))
                        .append('\n');
            }
            for (String db : List.of("ed_order", "ed_inventory", "ed_payment", "ed_notification")) {
                out.append(db).append(" outbox unpublished: ").append(one(shop, db,
                        "select count(*)::text from outbox_message where ? is not null", db))
                        .append('\n');
            }
            out.append(lag(shop));
        } catch (SQLException | RuntimeException e) {
            out.append("(diagnosis failed: ").append(e).append(")\n");
        }
        return out.toString();
    }

    private static String one(EventDrivenShop shop, String db, String sql, String arg) throws SQLException {
        try (Connection c = shop.database(db); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? String.valueOf(rs.getString(1)) : "-";
            }
        }
    }

    private static String lag(EventDrivenShop shop) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, shop.bootstrapServers());
        StringBuilder out = new StringBuilder();
        try (Admin admin = Admin.create(props)) {
            for (String group : GROUPS) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                        .get(10, TimeUnit.SECONDS);
                List<String> lagging = new ArrayList<>();
                committed.forEach((tp, offset) -> {
                    long lag = ends.get(tp).offset() - offset.offset();
                    if (lag > 0) {
                        lagging.add(tp + " lag " + lag);
                    }
                });
                out.append(group).append(" consumer lag: ").append(lagging.isEmpty() ? "none" : lagging).append('\n');
            }
        } catch (Exception e) {
            out.append("(lag unknown: ").append(e).append(")\n");
        }
        return out.toString();
    }
}

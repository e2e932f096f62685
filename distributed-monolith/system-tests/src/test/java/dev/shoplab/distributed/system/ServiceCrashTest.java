package dev.shoplab.distributed.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * inventory-service killed with SIGKILL: every order needs it (its first call prices the order), so the
 * edge refuses orders with a 503 problem and writes nothing; the mesh ejects the dead endpoint after three
 * connect failures, and keeps it out for baseEjectionTime even once the service is back.
 */
@ExtendWith(FreshMesh.class)
class ServiceCrashTest {

    private final DistributedShop shop = DistributedShop.get();

    @AfterEach
    void everything_running_and_a_fresh_mesh() {
        if (!shop.running().processes().get("inventory-service").isAlive()) {
            shop.running().restart("inventory-service");
        }
        shop.heal();
    }

    @Test
    void while_inventory_is_down_orders_are_refused_with_503_and_nothing_is_written() throws SQLException {
        shop.seed(Map.of("SKU-0801", 10));
        // the shipped ejection lasts 30 s, which a restart on a loaded machine can outlast; 10 min cannot
        shop.meshPolicy("inventory-service", MeshPolicies.ejectingFor("inventory-service", "10m"));
        shop.running().kill("inventory-service");
        String key = "key-" + UUID.randomUUID();

        Http.Answer refused = shop.placeWithKey(key, "tok_ok", "SKU-0801", 1);

        assertThat(refused.status()).as("%s", refused.body()).isEqualTo(503);
        assertThat(refused.json().path("type").asText()).isEqualTo("https://shoplab.dev/problems/service-unavailable");
        assertThat(refused.json().path("detail").asText()).contains("inventory-service");
        assertThat(ordersWithKey(key)).isZero();
        assertThat(Prometheus.sum(shop.metrics("mesh"), "shoplab_mesh_ejected", "destination", "inventory-service"))
                .as("the dead endpoint is ejected").isEqualTo(1);

        shop.running().restart("inventory-service");
        Http.Answer stillRefused = shop.place("tok_ok", "SKU-0801", 1);
        // ejected for baseEjectionTime: the service is back, the mesh does not send it traffic yet
        assertThat(stillRefused.status()).as("%s", stillRefused.body()).isEqualTo(503);

        shop.heal();
        JsonNode order = shop.placeConcluded("tok_ok", "SKU-0801", 1);

        assertThat(order.path("status").asText()).isEqualTo("CONFIRMED");
    }

    private long ordersWithKey(String key) throws SQLException {
        try (Connection db = shop.database("dm_order");
             PreparedStatement query = db.prepareStatement("select count(*) from orders where idempotency_key = ?")) {
            query.setString(1, key);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}

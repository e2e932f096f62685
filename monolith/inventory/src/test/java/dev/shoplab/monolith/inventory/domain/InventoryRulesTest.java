package dev.shoplab.monolith.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shoplab.monolith.inventory.api.Demand;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The inventory's rules in plain Java: lock order, and stock that never goes negative. */
class InventoryRulesTest {

    @Test
    void merges_lines_of_one_sku_and_sorts_the_skus_into_lock_order() {
        List<Demand> demands = List.of(new Demand("SKU-0009", 1), new Demand("SKU-0002", 2), new Demand("SKU-0009", 3));

        assertThat(DemandsInLockOrder.of(demands))
                .containsExactly(new Demand("SKU-0002", 2), new Demand("SKU-0009", 4));
    }

    @Test
    void two_orders_with_the_same_skus_in_any_order_lock_them_in_the_same_order() {
        List<Demand> one = DemandsInLockOrder.of(List.of(new Demand("SKU-0001", 1), new Demand("SKU-0002", 1)));
        List<Demand> other = DemandsInLockOrder.of(List.of(new Demand("SKU-0002", 1), new Demand("SKU-0001", 1)));

        assertThat(one.stream().map(Demand::sku)).containsExactlyElementsOf(other.stream().map(Demand::sku).toList());
    }

    @Test
    void a_sku_whose_conditional_update_took_no_row_is_short() {
        List<Demand> demands = List.of(new Demand("SKU-0001", 1), new Demand("SKU-0002", 5), new Demand("SKU-0003", 1));

        assertThat(StockMustNotGoNegative.shortSkus(demands, new int[] {1, 0, 1})).containsExactly("SKU-0002");
        assertThat(StockMustNotGoNegative.shortSkus(demands, new int[] {1, 1, 1})).isEmpty();
    }

    @Test
    void refuses_to_take_more_units_than_are_available() {
        assertThat(StockMustNotGoNegative.availableAfter(5, 5)).isZero();
        assertThatThrownBy(() -> StockMustNotGoNegative.availableAfter(4, 5))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("negative");
    }

    @Test
    void rejects_a_demand_without_units() {
        assertThatThrownBy(() -> new Demand("SKU-0001", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}

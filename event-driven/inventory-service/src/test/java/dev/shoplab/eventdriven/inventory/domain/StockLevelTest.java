package dev.shoplab.eventdriven.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StockLevelTest {

    @Test
    void reserving_moves_units_from_available_to_reserved_and_selling_moves_them_to_sold() {
        StockLevel level = new StockLevel(10, 0, 0).reserve(3);
        assertThat(level).isEqualTo(new StockLevel(7, 3, 0));
        assertThat(level.sell(3)).isEqualTo(new StockLevel(7, 0, 3));
        assertThat(level.release(3)).isEqualTo(new StockLevel(10, 0, 0));
    }

    @Test
    void refuses_to_reserve_more_than_is_available() {
        assertThatThrownBy(() -> new StockLevel(2, 0, 0).reserve(3)).isInstanceOf(StockMustNotGoNegative.Broken.class);
        assertThatThrownBy(() -> new StockLevel(2, 1, 0).release(2)).isInstanceOf(StockMustNotGoNegative.Broken.class);
        assertThatThrownBy(() -> new StockLevel(2, 0, 0).reserve(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_seed_replaces_available_units_and_keeps_holds_and_sales() {
        assertThat(new StockLevel(1, 2, 3).restock(50)).isEqualTo(new StockLevel(50, 2, 3));
    }

    @Test
    void reserves_all_lines_or_none_and_names_every_shortage() {
        var stock = Map.of("A", new StockLevel(5, 0, 0), "B", new StockLevel(1, 0, 0));

        var ok = StockMustNotGoNegative.decide(List.of(new Demand("B", 1), new Demand("A", 2),
                new Demand("A", 3)), stock);
        var short_ = StockMustNotGoNegative.decide(List.of(new Demand("A", 6), new Demand("B", 1),
                new Demand("GHOST", 1)), stock);

        assertThat(ok.reservable()).isTrue();
        assertThat(ok.quantities()).containsExactly(Map.entry("A", 5), Map.entry("B", 1));
        assertThat(short_.reservable()).isFalse();
        assertThat(short_.shortages()).containsExactly(new StockMustNotGoNegative.Shortage("A", 6, 5),
                new StockMustNotGoNegative.Shortage("GHOST", 1, 0));
    }
}

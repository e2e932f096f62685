package dev.shoplab.distributed.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The inventory's business rules as plain Java, without a database. */
class DomainRulesTest {

    @Test
    void lines_of_one_sku_are_combined_and_sorted_in_lock_order() {
        List<Demand> combined = DemandsInLockOrder.of(List.of(new Demand("SKU-0003", 1), new Demand("SKU-0001", 2),
                new Demand("SKU-0003", 4)));

        assertThat(combined).containsExactly(new Demand("SKU-0001", 2), new Demand("SKU-0003", 5));
    }

    @Test
    void a_demand_must_ask_for_at_least_one_unit() {
        assertThatThrownBy(() -> new Demand("SKU-0001", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stock_that_covers_every_demand_has_no_shortfall() {
        assertThat(StockMustNotGoNegative.shortfalls(Map.of("A", 3, "B", 1), List.of(new Demand("A", 3), new Demand("B", 1))))
                .isEmpty();
    }

    @Test
    void a_sku_short_of_one_unit_is_a_shortfall_that_says_how_many_are_there() {
        List<StockMustNotGoNegative.Shortfall> shortfalls = StockMustNotGoNegative.shortfalls(Map.of("A", 3, "B", 1),
                List.of(new Demand("A", 2), new Demand("B", 2)));

        assertThat(shortfalls).extracting(Object::toString).containsExactly("B (1 available, 2 asked)");
    }

    @Test
    void a_held_reservation_moves_units_once_whichever_way_it_ends() {
        assertThat(ReservationStatus.HELD.movesUnitsTo(ReservationStatus.HELD.confirm())).isTrue();
        assertThat(ReservationStatus.HELD.movesUnitsTo(ReservationStatus.HELD.release())).isTrue();
        assertThat(ReservationStatus.CONFIRMED.movesUnitsTo(ReservationStatus.CONFIRMED.confirm())).isFalse();
        assertThat(ReservationStatus.RELEASED.movesUnitsTo(ReservationStatus.RELEASED.release())).isFalse();
    }

    @Test
    void a_reservation_never_goes_from_one_end_to_the_other() {
        assertThatThrownBy(ReservationStatus.CONFIRMED::release).isInstanceOf(ReservationStatus.ChangeRefused.class);
        assertThatThrownBy(ReservationStatus.RELEASED::confirm).isInstanceOf(ReservationStatus.ChangeRefused.class);
    }
}

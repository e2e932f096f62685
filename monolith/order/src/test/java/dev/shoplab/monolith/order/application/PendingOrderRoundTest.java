package dev.shoplab.monolith.order.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shoplab.monolith.inventory.api.Demand;
import dev.shoplab.monolith.order.domain.OrderOutcomeFollowsPayment;
import dev.shoplab.monolith.order.domain.OrderStatus;
import dev.shoplab.monolith.order.persistence.OrderRow;
import dev.shoplab.monolith.payment.api.PaymentApi;
import dev.shoplab.monolith.payment.api.PaymentLookup;
import dev.shoplab.monolith.payment.api.PaymentResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * When one round of the pending-order recovery stops: the rule on what the PSP's lookups told, without a database
 * (PendingOrderBacklogTest shows the batches against PostgreSQL). Orders a minute old, stale after 15 s, given up
 * after 2 min (the defaults): none is given up here.
 */
class PendingOrderRoundTest {

    private static final Instant NOW = Instant.now();

    @Test
    void a_round_whose_lookups_all_fail_stops_after_one_batch() {
        Shop shop = new Shop(45, order -> PaymentLookup.failed());

        shop.round();

        assertThat(shop.lookups).as("lookups in one round with the PSP unreachable").hasSize(20);
        assertThat(shop.concluded).isEmpty();
    }

    @Test
    void a_round_goes_on_past_a_batch_of_charges_the_psp_still_holds() {
        Set<UUID> held = new HashSet<>();
        Shop shop = new Shop(70, order -> held.contains(order) ? PaymentLookup.inProgress()
                : PaymentLookup.found(PaymentResult.unknown("no such charge")));
        shop.pending.stream().limit(25).forEach(order -> held.add(order.id));

        shop.round();

        assertThat(shop.lookups).as("each order looked up once").hasSize(70).doesNotHaveDuplicates();
        assertThat(shop.concluded).as("the orders behind the held charges").hasSize(45)
                .doesNotContainAnyElementsOf(held);
    }

    /** The recovery over orders in memory: PENDING orders a minute old, the PSP answering each lookup as told. */
    private static final class Shop {

        final List<OrderRow> pending = new ArrayList<>();
        final List<UUID> lookups = new ArrayList<>();
        final List<UUID> concluded = new ArrayList<>();
        private final PendingOrderRecovery recovery;

        Shop(int orders, Function<UUID, PaymentLookup> psp) {
            for (int i = 0; i < orders; i++) {
                pending.add(new OrderRow(UUID.randomUUID(), "c-" + i, OrderStatus.PENDING, null, 1299, null, null,
                        NOW.minus(Duration.ofMinutes(1)).plusMillis(i), List.of(new OrderRow.Line("SKU-0001", 1, 1299))));
            }
            OrderSteps steps = new OrderSteps(null, null, null, null) {
                @Override
                public List<OrderRow> pendingSince(Instant createdBefore, PendingAfter after, int limit) {
                    Comparator<OrderRow> order = Comparator.comparing((OrderRow o) -> o.createdAt)
                            .thenComparing(o -> o.id);
                    return pending.stream().sorted(order)
                            .filter(o -> o.status == OrderStatus.PENDING && o.createdAt.isBefore(createdBefore))
                            .filter(o -> after == null || o.createdAt.isAfter(after.createdAt())
                                    || o.createdAt.equals(after.createdAt()) && o.id.compareTo(after.id()) > 0)
                            .limit(limit).toList();
                }

                @Override
                public boolean conclude(UUID orderId, String customerId, long totalCents, List<Demand> demands,
                                        PaymentResult payment, OrderOutcomeFollowsPayment.Conclusion conclusion,
                                        Instant now) {
                    pending.stream().filter(o -> o.id.equals(orderId)).forEach(o -> o.status = conclusion.status());
                    concluded.add(orderId);
                    return true;
                }
            };
            PaymentApi payments = new PaymentApi() {
                @Override
                public PaymentResult charge(UUID orderId, long amountCents, String paymentToken) {
                    throw new UnsupportedOperationException("the recovery never charges");
                }

                @Override
                public PaymentLookup lookUp(UUID orderId) {
                    lookups.add(orderId);
                    return psp.apply(orderId);
                }

                @Override
                public void record(UUID orderId, long amountCents, PaymentResult result) {
                    throw new UnsupportedOperationException("the recovery records in conclude");
                }
            };
            OrderConfig config = new OrderConfig() {
                @Override
                public Duration recoverEvery() {
                    return Duration.ofSeconds(2);
                }

                @Override
                public Duration stalePendingAfter() {
                    return Duration.ofSeconds(15);
                }

                @Override
                public Duration giveUpAfter() {
                    return Duration.ofMinutes(2);
                }

                @Override
                public Duration replayWait() {
                    return Duration.ofSeconds(10);
                }
            };
            this.recovery = new PendingOrderRecovery(steps, payments, config);
        }

        void round() {
            recovery.recoverStaleOrders();
        }
    }
}

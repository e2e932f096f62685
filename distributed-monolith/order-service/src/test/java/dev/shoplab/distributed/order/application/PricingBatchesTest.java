package dev.shoplab.distributed.order.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The skus of one pricing call to inventory-service fit a request target every hop takes: in order, none left out, as
 * few calls as fit {@link OrderPlacement#PRICING_QUERY_CHARACTERS} each.
 */
class PricingBatchesTest {

    @Test
    void an_ordinary_order_is_priced_in_one_call() {
        assertThat(OrderPlacement.pricingBatches(List.of("SKU-0001", "SKU-0002")))
                .containsExactly(List.of("SKU-0001", "SKU-0002"));
    }

    @Test
    void fifty_skus_that_all_need_escaping_go_in_calls_that_each_fit_and_keep_their_order() {
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            skus.add("&é".repeat(15) + String.format(Locale.ROOT, "%02d", i)); // 32 characters, 47 bytes, 141 escaped
        }

        List<List<String>> batches = OrderPlacement.pricingBatches(skus);

        assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(skus);
        assertThat(batches).hasSize(4).allSatisfy(batch -> assertThat(batch.size() * (5 + 3 * 47))
                .isLessThanOrEqualTo(OrderPlacement.PRICING_QUERY_CHARACTERS));
    }
}

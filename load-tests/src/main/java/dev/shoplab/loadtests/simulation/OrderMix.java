package dev.shoplab.loadtests.simulation;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The traffic mix of every run: 90 % orders paid with {@code tok_ok}, 5 % with {@code tok_decline}
 * (a business decline) and 5 % that ask for the sold-out {@code SKU-1000}; one to three lines of
 * one to three units each, skus drawn uniformly from the first {@code skuCount}.
 */
public final class OrderMix {

    /** Share of orders paid with a token the PSP declines. */
    public static final double DECLINED_SHARE = 0.05;
    /** Share of orders that include the sold-out sku. */
    public static final double SOLD_OUT_SHARE = 0.05;

    private OrderMix() {
    }

    /** The JSON body of the next order. */
    public static String nextOrder(int skuCount) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        double kind = random.nextDouble();
        boolean declined = kind < DECLINED_SHARE;
        boolean soldOut = !declined && kind < DECLINED_SHARE + SOLD_OUT_SHARE;
        int lineCount = 1 + random.nextInt(3);
        Set<String> skus = new LinkedHashSet<>();
        if (soldOut) {
            skus.add("SKU-1000");
        }
        while (skus.size() < lineCount) {
            skus.add(String.format("SKU-%04d", 1 + random.nextInt(Math.max(1, Math.min(skuCount, 999)))));
            if (skuCount < lineCount) {
                break;
            }
        }
        StringBuilder json = new StringBuilder(160).append("{\"customerId\":\"c-")
                .append(1 + random.nextInt(10_000)).append("\",\"lines\":[");
        boolean first = true;
        for (String sku : skus) {
            json.append(first ? "" : ",").append("{\"sku\":\"").append(sku).append("\",\"quantity\":")
                    .append(1 + random.nextInt(3)).append('}');
            first = false;
        }
        return json.append("],\"paymentToken\":\"").append(declined ? "tok_decline" : "tok_ok").append("\"}")
                .toString();
    }
}

package dev.shoplab.lab.seed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one catalogue every architecture starts from: skus {@code SKU-0001} … {@code SKU-1000}, a price
 * each, ample stock, and {@code SKU-1000} sold out so that an out-of-stock order can always be placed.
 * A scenario or a test may override the stock of some skus (small stock provokes contention).
 * The lab applies it to an architecture with {@code PUT /admin/catalogue} (see {@link #toJson()}).
 */
public final class CatalogueSeed {

    /** Number of skus in the catalogue. */
    public static final int SKUS = 1000;
    /** Stock of every sku unless overridden: more than any bench run can sell. */
    public static final int AMPLE_STOCK = 1_000_000;
    /** The sku that is always sold out. */
    public static final String SOLD_OUT_SKU = "SKU-1000";

    /** One catalogue line: a sku, its price in cents and the units available. */
    public record Item(String sku, long priceCents, int available) {
    }

    private final Map<String, Item> items;

    private CatalogueSeed(Map<String, Item> items) {
        this.items = items;
    }

    /** The standard catalogue of docs/DESIGN.md. */
    public static CatalogueSeed standard() {
        Map<String, Item> items = new LinkedHashMap<>();
        for (int n = 1; n <= SKUS; n++) {
            String sku = sku(n);
            items.put(sku, new Item(sku, price(n), sku.equals(SOLD_OUT_SKU) ? 0 : AMPLE_STOCK));
        }
        return new CatalogueSeed(items);
    }

    /** The same catalogue with the stock of some skus replaced. */
    public CatalogueSeed withStock(Map<String, Integer> stockBySku) {
        Map<String, Item> copy = new LinkedHashMap<>(items);
        stockBySku.forEach((sku, stock) -> {
            Item item = copy.get(sku);
            if (item == null) {
                throw new IllegalArgumentException("Unknown sku '" + sku + "' in a stock override: use SKU-0001 … "
                        + sku(SKUS));
            }
            if (stock < 0) {
                throw new IllegalArgumentException("Stock of " + sku + " must be at least 0, not " + stock);
            }
            copy.put(sku, new Item(sku, item.priceCents(), stock));
        });
        return new CatalogueSeed(copy);
    }

    public List<Item> items() {
        return new ArrayList<>(items.values());
    }

    public Item item(String sku) {
        return items.get(sku);
    }

    /** The body of {@code PUT /admin/catalogue}: {@code {"items":[{"sku":…,"priceCents":…,"available":…}]}}. */
    public String toJson() {
        StringBuilder json = new StringBuilder(items.size() * 60).append("{\"items\":[");
        boolean first = true;
        for (Item item : items.values()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            json.append("{\"sku\":\"").append(item.sku()).append("\",\"priceCents\":").append(item.priceCents())
                    .append(",\"available\":").append(item.available()).append('}');
        }
        return json.append("]}").toString();
    }

    /** {@code SKU-0001} for 1. */
    public static String sku(int n) {
        return String.format("SKU-%04d", n);
    }

    /** A fixed, varied price between 5.00 and 99.99 per sku number. */
    static long price(int n) {
        return 500 + (n * 7919L) % 9500;
    }
}

package dev.shoplab.monolith.inventory.api;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inventory context's public face: prices and stock per sku, and reservations that join the
 * caller's transaction. Every write runs in the transaction of the caller (it must have one), so
 * that an order and the stock it takes commit or roll back together.
 */
public interface InventoryApi {

    /** The database schema this context owns; no other context reads or writes it. */
    String SCHEMA = "inventory";

    /** The stock level of one sku, if the catalogue has it. */
    Optional<StockLevel> level(String sku);

    /** The stock levels of the given skus; skus the catalogue does not have are absent from the map. */
    Map<String, StockLevel> levels(Collection<String> skus);

    /**
     * Takes the demanded units out of {@code available} into {@code reserved}, all or nothing.
     * Requires a transaction; throws {@link OutOfStock} (and the caller's transaction must roll
     * back) when any sku lacks the units.
     */
    void reserve(List<Demand> demands);

    /** The reserved units are sold: they leave {@code reserved}. Requires a transaction. */
    void commitReservation(List<Demand> demands);

    /** The reserved units go back to {@code available}. Requires a transaction. */
    void releaseReservation(List<Demand> demands);

    /**
     * Sets price (cents) and available units of every listed sku, adding the ones that are new with
     * nothing reserved: the lab's seed, or an operator's restock. Units reserved by orders still between
     * their two transactions stay reserved, so those orders can still sell or release them; skus not
     * listed are left alone. Runs in a transaction of its own (or the caller's).
     */
    void replaceCatalogue(List<CatalogueItem> items);
}

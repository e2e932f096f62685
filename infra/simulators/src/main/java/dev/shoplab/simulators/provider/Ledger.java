package dev.shoplab.simulators.provider;

/** What a simulated provider recorded, as the bench audit reads it; in memory, cleared on reset. */
public interface Ledger {

    /** A snapshot of every entry, served by {@code GET /admin/{provider}/ledger}. */
    Object view();

    /** Forgets every entry. */
    void clear();
}

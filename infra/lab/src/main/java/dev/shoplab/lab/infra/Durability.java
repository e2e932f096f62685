package dev.shoplab.lab.infra;

import java.util.Map;

/**
 * How hard PostgreSQL works to keep a commit across a crash of the machine. Chosen on purpose per
 * use and written into every bench report, because it moves commit latency by an order of magnitude.
 */
public enum Durability {

    /**
     * Tests: fsync and synchronous commit off. A crash of PostgreSQL may lose the commits of its last ≈ 0.6 s (three
     * {@code wal_writer_delay}s), a crash of the machine more, or the data (fsync off); a crash of a client (a service)
     * loses none it was told of.
     */
    RELAXED(Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "off")),

    /** Bench: PostgreSQL's defaults — every commit flushed to the WAL on disk before it is acknowledged. */
    DURABLE(Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on"));

    private final Map<String, String> settings;

    Durability(Map<String, String> settings) {
        this.settings = settings;
    }

    /** The PostgreSQL server settings that implement this level. */
    public Map<String, String> settings() {
        return settings;
    }

    /** One line for reports, for example {@code DURABLE (fsync=on, synchronous_commit=on, full_page_writes=on)}. */
    public String describe() {
        return name() + " (fsync=" + settings.get("fsync") + ", synchronous_commit=" + settings.get("synchronous_commit")
                + ", full_page_writes=" + settings.get("full_page_writes") + ")";
    }
}

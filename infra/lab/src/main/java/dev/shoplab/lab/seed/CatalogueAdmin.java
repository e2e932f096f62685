package dev.shoplab.lab.seed;

import dev.shoplab.lab.AdminApi;
import java.time.Duration;

/** Applies a {@link CatalogueSeed} to a running architecture through its {@code PUT /admin/catalogue}. */
public final class CatalogueAdmin {

    private CatalogueAdmin() {
    }

    /** Replaces the catalogue of the architecture whose catalogue owner's admin API is {@code owner}. */
    public static void apply(AdminApi owner, CatalogueSeed seed) {
        owner.send("PUT", "/admin/catalogue", seed.toJson(), Duration.ofSeconds(60));
    }
}

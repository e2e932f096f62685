package dev.shoplab.lab.seed;

import dev.shoplab.lab.LabHttp;
import java.time.Duration;

/** Applies a {@link CatalogueSeed} to a running architecture through its {@code PUT /admin/catalogue}. */
public final class CatalogueAdmin {

    private CatalogueAdmin() {
    }

    /** Replaces the catalogue of the architecture whose catalogue owner answers at {@code baseUrl}. */
    public static void apply(String baseUrl, CatalogueSeed seed) {
        LabHttp.send("PUT", baseUrl + "/admin/catalogue", seed.toJson(), Duration.ofSeconds(60));
    }
}

package dev.shoplab.edge;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Body limits of the HTTP endpoints, enforced by {@link EdgeFilters} before a body is read. */
@ConfigMapping(prefix = "shoplab.http")
public interface EdgeLimits {

    /** Largest body under {@code /api} ({@code shoplab.http.api-body-limit}): a 50-line order is far below it. */
    @WithDefault("64K")
    MemorySize apiBodyLimit();

    /** Largest body under {@code /admin} ({@code shoplab.http.admin-body-limit}): a catalogue of 100,000 skus fits. */
    @WithDefault("8M")
    MemorySize adminBodyLimit();
}

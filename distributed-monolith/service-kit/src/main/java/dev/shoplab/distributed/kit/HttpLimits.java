package dev.shoplab.distributed.kit;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Body limits of a service's HTTP endpoints, enforced by {@link HttpGuards} before a body is read. */
@ConfigMapping(prefix = "shoplab.http")
public interface HttpLimits {

    /** Largest body under {@code /api}: a 50-line order is far below it. */
    @WithDefault("64K")
    MemorySize apiBodyLimit();

    /** Largest body under {@code /admin}: a catalogue of 100,000 skus fits. */
    @WithDefault("8M")
    MemorySize adminBodyLimit();
}

package dev.shoplab.edge;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;

/**
 * The sizes the edge accepts, enforced by {@link EdgeFilters} before a body is read, each refusal a problem:
 * bodies (413), the request target (414) and the header block (431); and how many requests it handles at once,
 * enforced by {@link LoadShedding} (503). The HTTP codec below the edge has limits of its own ({@link CodecLimits}),
 * set far above these so that what a client can get wrong here is answered by the edge, not by the codec
 * (docs/adr/0013-errors-below-the-edge.md).
 */
@ConfigMapping(prefix = "shoplab.http")
public interface EdgeLimits {

    /** Largest body under {@code /api} ({@code shoplab.http.api-body-limit}): a 50-line order is far below it. */
    @WithDefault("64K")
    MemorySize apiBodyLimit();

    /**
     * Largest body under {@code /admin} ({@code shoplab.http.admin-body-limit}): a catalogue of the most items
     * the catalogue admin takes (10,000), pretty-printed, fits.
     */
    @WithDefault("8M")
    MemorySize adminBodyLimit();

    /**
     * Longest request target (path and query), in characters ({@code shoplab.http.max-request-target}); a longer
     * one is a 414. The default is the initial-line limit Quarkus would otherwise leave to the codec.
     */
    @WithDefault("4096")
    int maxRequestTarget();

    /**
     * Largest header block ({@code shoplab.http.max-header-block}): the characters of every header line,
     * {@code name: value}; a larger one is a 431. The default is the limit Quarkus would otherwise leave to the
     * codec.
     */
    @WithDefault("20K")
    MemorySize maxHeaderBlock();

    /**
     * Most requests under {@code /api} handled at once ({@code shoplab.http.max-requests-in-flight}, 1 or more);
     * one more is answered at once {@code 503 overloaded} with {@code Retry-After} ({@link LoadShedding}). The limit
     * bounds memory, not latency: by Little's law a service holds arrival rate × latency requests, and 1000 is
     * above the highest knee measured on the bench's 2-core machine (the monolith's 650 orders/s, next step 850)
     * times the bench's 1-s latency objective, so no request that could still meet it is shed; the monolith's
     * 96-MB heap held 1000 at 2300 orders/s and ran out with the queue unbounded (docs/adr/0023-load-shedding-at-the-edge.md).
     */
    @WithDefault("1000")
    @Min(1)
    int maxRequestsInFlight();
}

package dev.shoplab.edge;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The sizes the edge accepts, enforced by {@link EdgeFilters} before a body is read, each refusal a problem:
 * bodies (413), the request target (414) and the header block (431). The HTTP codec below the edge has limits
 * of its own ({@link CodecLimits}), set far above these so that what a client can get wrong here is answered by
 * the edge, not by the codec (docs/adr/0013-errors-below-the-edge.md).
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
}

package dev.shoplab.simulators;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Typed settings of the simulators: where the two providers listen and how long a lost answer is held. */
@ConfigMapping(prefix = "shoplab.simulators")
public interface SimulatorsConfig {

    /** Port of the PSP simulator; 0 picks a free port. */
    @WithDefault("8091")
    int pspPort();

    /** Port of the mail sink; 0 picks a free port. */
    @WithDefault("8092")
    int mailPort();

    /** Interface both providers bind to; loopback unless told otherwise. */
    @WithDefault("127.0.0.1")
    String providerHost();

    /** How long a request picked by the timeout fault is held open before its connection is closed. */
    @WithDefault("5m")
    Duration hangLimit();
}

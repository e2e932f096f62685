package dev.shoplab.eventdriven.payment.provider;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Where the PSP is and how long to wait for it ({@code shoplab.psp.*}). */
@ConfigMapping(prefix = "shoplab.psp")
public interface PspConfig {

    /** Base URL of the PSP, for example {@code http://127.0.0.1:8091}. */
    @WithDefault("http://127.0.0.1:8091")
    String url();

    /** Longest wait for a connection; a connection that is never made moves no money. */
    @WithDefault("1s")
    Duration connectTimeout();

    /** Longest wait for an answer (per try); after it the outcome is unknown. */
    @WithDefault("2s")
    Duration requestTimeout();
}

package dev.shoplab.monolith.payment.provider;

import dev.shoplab.monolith.payment.application.LateCaptureRefunds;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the payment context talks to the PSP. */
@ConfigMapping(prefix = "shoplab.psp")
public interface PspConfig {

    /** Base URL of the PSP (in the lab: the PSP simulator); required, the lab and the tests set it. */
    public String url();

    /** How long to wait for a connection to the PSP before the charge counts as not sent. */
    @WithDefault("1s")
    public Duration connectTimeout();

    /** How long to wait for the answer to a charge before its outcome is unknown and looked up. */
    @WithDefault("3s")
    public Duration timeout();

    /** How long a lookup or a refund may take. */
    @WithDefault("1s")
    public Duration lookupTimeout();

    /** Connections kept open to the PSP: enough for every order in flight while the PSP is slow. */
    @WithDefault("256")
    public int connectionPoolSize();

    /**
     * How long after a charge with unknown outcome the shop keeps checking whether it was captured after all: once it
     * has passed, the PSP's "no such charge" (404) ends the check; its "charge in progress" (409) never does.
     */
    @WithDefault("2m")
    public Duration lateCaptureWindow();

    /** How often the late-capture check runs (the schedule of {@code LateCaptureRefunds}). */
    @WithDefault("1s")
    public Duration lateCaptureCheckEvery();
}

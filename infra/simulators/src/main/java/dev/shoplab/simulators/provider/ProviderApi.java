package dev.shoplab.simulators.provider;

import io.vertx.ext.web.Router;
import java.util.List;

/** What one simulated provider adds to the shared plumbing of {@link ProviderServer}: name, counters, routes, ledger. */
public interface ProviderApi {

    /** Short name, used in admin paths, stats and metric tags ({@code psp}, {@code mail}). */
    String name();

    /** This provider's own counters, besides the requests and injected faults every provider counts. */
    List<String> events();

    /** Adds this provider's endpoints to its router, each through {@link ProviderServer#endpoint}. */
    void routes(ProviderServer server, Router router);

    /** Everything the provider recorded. */
    Ledger ledger();
}

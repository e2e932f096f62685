package dev.shoplab.lab.architecture;

import dev.shoplab.lab.process.ManagedProcess;
import java.util.Map;

/** An architecture the lab started: where its public API and admin API are, and its processes by role. */
public interface RunningArchitecture extends AutoCloseable {

    /** The public API ({@code POST /api/orders} …), for example {@code http://127.0.0.1:8080}. */
    String edgeUrl();

    /** Base URL of the service that owns the catalogue, where {@code PUT /admin/catalogue} seeds it. */
    String catalogueAdminUrl();

    /** Every process of this architecture by role (for example {@code order-service}), for accounting and faults. */
    Map<String, ManagedProcess> processes();

    @Override
    void close();
}

package dev.shoplab.monolith.app;

import dev.shoplab.monolith.inventory.api.Inventory;
import dev.shoplab.monolith.notification.api.Notifications;
import dev.shoplab.monolith.order.api.Orders;
import dev.shoplab.monolith.payment.api.Payments;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduler;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Migrates every context's schema at start-up, before the HTTP port opens: each context ships its
 * Flyway migrations in {@code db/<schema>} of its own module and gets a Flyway run of its own, with
 * its own history table inside its schema. Contexts evolve their tables independently; none has a
 * foreign key into another's schema. The contexts' scheduled jobs start (halted until then) only
 * once every schema is migrated.
 */
@ApplicationScoped
class ContextSchemas {

    private static final Logger LOG = Logger.getLogger(ContextSchemas.class);

    /** Every context's schema; the order does not matter, as no schema refers to another. */
    static final List<String> SCHEMAS = List.of(Inventory.SCHEMA, Payments.SCHEMA, Notifications.SCHEMA, Orders.SCHEMA);

    void migrate(@Observes @Priority(1) StartupEvent start, DataSource dataSource, Scheduler scheduler) {
        for (String schema : SCHEMAS) {
            int applied = Flyway.configure(Thread.currentThread().getContextClassLoader())
                    .dataSource(dataSource)
                    .schemas(schema)
                    .createSchemas(true)
                    .table("flyway_schema_history")
                    .locations("classpath:db/" + schema)
                    .failOnMissingLocations(true)
                    .load()
                    .migrate()
                    .migrationsExecuted;
            LOG.infof("Schema %s is up to date (%d migration(s) applied now)", schema, applied);
        }
        scheduler.resume();
    }
}

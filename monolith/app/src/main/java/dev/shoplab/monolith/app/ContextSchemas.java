package dev.shoplab.monolith.app;

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

    /**
     * Every context's schema (the {@code schema} of its rows' {@code @Table}); the order does not matter, as no
     * schema refers to another. Named here rather than imported: the app wires the contexts by configuration
     * and calls none of them.
     */
    static final List<String> SCHEMAS = List.of("inventory", "payment", "notification", "orders");

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

package dev.shoplab.eventdriven.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Pattern: idempotent consumer. Records that this service applied an event, in the transaction that
 * applies it; a second delivery of the same event finds the record and is skipped.
 */
@ApplicationScoped
public class ProcessedEvents {

    private static final String RECORD = """
            insert into processed_event (event_id, event_type, topic, processed_at) values (?, ?, ?, now())
            on conflict (event_id) do nothing""";

    private final Sql sql;

    ProcessedEvents(DataSource database) {
        this.sql = new Sql(database);
    }

    /** Records the event; true if this is the first time (apply it), false if it was applied before (skip it). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstTime(IncomingEvent event) {
        return sql.update(RECORD, UUID.fromString(event.envelope().eventId()), event.type(), event.topic()) == 1;
    }
}

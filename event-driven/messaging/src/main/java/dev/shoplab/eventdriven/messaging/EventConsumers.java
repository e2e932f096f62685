package dev.shoplab.eventdriven.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

/**
 * Starts the service's consumer threads (if it has an {@link EventHandler}) and decides the fate of each
 * record: applied exactly once (processed-event record and state change in one transaction), skipped
 * (a known type this service does not act on), retried (a transient failure), or dead-lettered (poison).
 */
@ApplicationScoped
public class EventConsumers {

    private static final Logger LOG = Logger.getLogger(EventConsumers.class);

    /** What became of one record. */
    enum Outcome {
        /** Applied, skipped as a duplicate or as none of this service's business, or dead-lettered: move on. */
        DONE,
        /** Not applied because of a transient failure: deliver it again. */
        RETRY
    }

    @Inject
    Instance<EventHandler> handlers;

    @Inject
    KafkaClients kafka;

    @Inject
    MessagingConfig config;

    @Inject
    ProcessedEvents processed;

    @Inject
    DeadLetters deadLetters;

    @Inject
    MeterRegistry metrics;

    private final List<ConsumerLoop> loops = new ArrayList<>();
    private EventRoutes routes;

    void start(@Observes StartupEvent event) {
        if (!config.consumer().enabled() || !handlers.isResolvable()) {
            return;
        }
        routes = handlers.get().routes();
        for (int i = 0; i < config.consumer().threads(); i++) {
            loops.add(new ConsumerLoop(this, kafka, config, i, routes.topics()).start());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        loops.forEach(ConsumerLoop::close);
    }

    /** True once every consumer thread has subscribed. */
    public boolean running() {
        return loops.stream().allMatch(ConsumerLoop::subscribed);
    }

    /** Decides and carries out the fate of one record; {@code attempt} counts earlier non-transient failures. */
    Outcome process(ConsumerRecord<String, byte[]> record, int attempt) {
        JsonNode json;
        try {
            json = EventJson.parse(record.value());
        } catch (IOException e) {
            return deadLetter(record, "not a JSON event: " + e.getMessage());
        }
        List<String> problems = EventSchemas.problems(json);
        if (!problems.isEmpty()) {
            return deadLetter(record, "breaks the event contract: " + String.join("; ", problems));
        }
        EventEnvelope envelope;
        try {
            envelope = EventJson.read(json, EventEnvelope.class);
        } catch (IllegalArgumentException e) {
            return deadLetter(record, "unreadable envelope: " + e.getMessage());
        }
        if (!routes.handles(envelope.type())) {
            return Outcome.DONE;
        }
        IncomingEvent incoming = new IncomingEvent(record.topic(), envelope,
                TraceParent.continueOrStart(header(record, TraceParent.HEADER)));
        try {
            boolean applied = QuarkusTransaction.requiringNew().call(() -> {
                if (!processed.firstTime(incoming)) {
                    return false;
                }
                routes.dispatch(incoming);
                return true;
            });
            metrics.counter("shoplab.events.consumed", "type", envelope.type(), "outcome",
                    applied ? "applied" : "duplicate").increment();
            return Outcome.DONE;
        } catch (RuntimeException e) {
            if (Failures.isTransient(e)) {
                LOG.warnf("transient failure on %s %s: %s", envelope.type(), envelope.eventId(),
                        BackgroundLoop.describe(e));
                return Outcome.RETRY;
            }
            if (attempt + 1 < config.consumer().maxAttempts()) {
                LOG.warnf(e, "%s %s failed (attempt %d of %d)", envelope.type(), envelope.eventId(), attempt + 1,
                        config.consumer().maxAttempts());
                throw new HandlerFailure(e);
            }
            return deadLetter(record, "handler failed " + config.consumer().maxAttempts() + " times: "
                    + BackgroundLoop.describe(e));
        }
    }

    private Outcome deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        try {
            deadLetters.send(record, reason);
            return Outcome.DONE;
        } catch (RuntimeException e) {
            LOG.warnf("cannot dead-letter %s/%d/%d yet: %s", record.topic(), record.partition(), record.offset(),
                    BackgroundLoop.describe(e));
            return Outcome.RETRY;
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A non-transient handler failure that has attempts left: the loop counts it and delivers the record again. */
    static final class HandlerFailure extends RuntimeException {
        HandlerFailure(Throwable cause) {
            super(cause);
        }
    }
}

package dev.shoplab.eventdriven.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
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
 * Each try at applying an event is a consumer span under the producer's ({@link EventTracing}); while it runs, its
 * trace and span id are in the log context (MDC {@code traceId}, {@code spanId}), as a request's are.
 */
@ApplicationScoped
public class EventConsumers implements RecordProcessor, RunsLoops {

    private static final Logger LOG = Logger.getLogger(EventConsumers.class);

    private final Instance<EventHandler> handlers;

    private final KafkaClients kafka;

    private final MessagingConfig config;

    private final ProcessedEvents processed;

    private final DeadLetters deadLetters;

    private final MeterRegistry metrics;

    private final EventTracing tracing;

    EventConsumers(Instance<EventHandler> handlers,
                   KafkaClients kafka,
                   MessagingConfig config,
                   ProcessedEvents processed,
                   DeadLetters deadLetters,
                   MeterRegistry metrics,
                   EventTracing tracing) {
        this.handlers = handlers;
        this.kafka = kafka;
        this.config = config;
        this.processed = processed;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.tracing = tracing;
    }

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

    @Override
    public List<String> deadLoops() {
        return loops.stream().flatMap(loop -> loop.died().stream()).toList();
    }

    /** Decides and carries out the fate of one record; {@code attempt} counts earlier non-transient failures. */
    @Override
    public Outcome process(ConsumerRecord<String, byte[]> record, int attempt) {
        Reading reading = read(record);
        if (reading.poison() != null) {
            return deadLetter(record, reading.poison());
        }
        if (reading.event() == null) {
            return Outcome.DONE;
        }
        IncomingEvent incoming = reading.event();
        Span span = reading.span();
        RuntimeException failure = null;
        try (Scope scope = span.makeCurrent(); LogContext log = LogContext.of(span)) {
            boolean applied = QuarkusTransaction.requiringNew().call(() -> apply(incoming));
            countConsumed(incoming, applied);
            return Outcome.DONE;
        } catch (RuntimeException e) {
            failure = e;
            if (Failures.isTransient(e)) {
                LOG.warnf("transient failure on %s %s: %s", incoming.type(), incoming.envelope().eventId(),
                        BackgroundLoop.describe(e));
                return Outcome.RETRY;
            }
            if (attempt + 1 < config.consumer().maxAttempts()) {
                LOG.warnf(e, "%s %s failed (attempt %d of %d)", incoming.type(), incoming.envelope().eventId(),
                        attempt + 1, config.consumer().maxAttempts());
                throw new HandlerFailure(e);
            }
            return deadLetter(record, "handler failed " + config.consumer().maxAttempts() + " times: "
                    + BackgroundLoop.describe(e));
        } finally {
            EventTracing.end(span, failure);
        }
    }

    /**
     * Applies the records of one poll in one transaction: each event still gets its processed-event record, so
     * the outcome is the same as applying them one by one, with one commit instead of one per event (under
     * load, when a poll brings many records, that is most of a service's work). Returns false, having applied
     * nothing, when a record is poison or the transaction fails for any reason: the caller then takes the
     * records one by one through {@link #process}, which dead-letters, retries and counts attempts per record.
     */
    @Override
    public boolean processTogether(List<ConsumerRecord<String, byte[]>> records) {
        List<Reading> events = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            Reading reading = read(record);
            if (reading.poison() != null) {
                events.forEach(e -> EventTracing.end(e.span(), null)); // started, not applied: the one-by-one try follows
                return false;
            }
            if (reading.event() != null) {
                events.add(reading);
            }
        }
        if (events.isEmpty()) {
            return true;
        }
        boolean[] applied = new boolean[events.size()];
        RuntimeException failure = null;
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                for (int i = 0; i < events.size(); i++) {
                    try (Scope scope = events.get(i).span().makeCurrent()) {
                        applied[i] = apply(events.get(i).event());
                    }
                }
            });
        } catch (RuntimeException e) {
            failure = e;
            LOG.debugf("a batch of %d events failed (%s); applying them one by one", events.size(),
                    BackgroundLoop.describe(e));
            return false;
        } finally {
            for (Reading event : events) {
                EventTracing.end(event.span(), failure);
            }
        }
        for (int i = 0; i < events.size(); i++) {
            countConsumed(events.get(i).event(), applied[i]);
        }
        return true;
    }

    /** Inside a transaction: records the event and applies it, or skips it as a duplicate (false). */
    private boolean apply(IncomingEvent incoming) {
        if (!processed.firstTime(incoming)) {
            return false;
        }
        routes.dispatch(incoming);
        return true;
    }

    private void countConsumed(IncomingEvent incoming, boolean applied) {
        metrics.counter("shoplab.events.consumed", "type", incoming.type(), "outcome",
                applied ? "applied" : "duplicate").increment();
    }

    /**
     * A record read and checked: poison (with the reason), none of this service's business (neither), or an event to
     * apply with the span of applying it (started; the caller ends it).
     */
    private record Reading(IncomingEvent event, Span span, String poison) {
    }

    private Reading read(ConsumerRecord<String, byte[]> record) {
        JsonNode json;
        try {
            json = EventJson.parse(record.value());
        } catch (IOException e) {
            return new Reading(null, null, "not a JSON event: " + e.getMessage());
        }
        List<String> problems = EventSchemas.envelopeProblems(json);
        if (problems.isEmpty() && !routes.handles(json.get("type").asText())) {
            return new Reading(null, null, null); // a known event this service does not act on: its payload is not ours to check
        }
        if (problems.isEmpty()) {
            problems = EventSchemas.payloadProblems(json);
        }
        if (!problems.isEmpty()) {
            return new Reading(null, null, "breaks the event contract: " + String.join("; ", problems));
        }
        EventEnvelope envelope;
        try {
            envelope = EventJson.read(json, EventEnvelope.class);
        } catch (IllegalArgumentException e) {
            return new Reading(null, null, "unreadable envelope: " + e.getMessage());
        }
        String traceparent = header(record, TraceParent.HEADER);
        Span span = tracing.startProcess(record, envelope, traceparent);
        return new Reading(new IncomingEvent(record.topic(), envelope,
                EventTracing.traceOf(span, TraceParent.continueOrStart(traceparent))), span, null);
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
}

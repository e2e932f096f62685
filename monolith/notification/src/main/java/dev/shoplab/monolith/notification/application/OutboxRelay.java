package dev.shoplab.monolith.notification.application;

import dev.shoplab.monolith.notification.domain.RedeliveryBacksOff;
import dev.shoplab.monolith.notification.persistence.OutboxRow;
import dev.shoplab.monolith.notification.provider.MailApi;
import dev.shoplab.monolith.notification.provider.MailConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.opentelemetry.context.Scope;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Delivers the outbox to the mail provider, at least once. Woken after every commit that wrote a
 * message, and swept on a schedule for retries and for what a crash left behind. One relay thread
 * reads a batch of due messages, sends them concurrently, then marks the delivered ones in one
 * statement; a failed one waits (with backoff) and goes again. A crash between sending and marking
 * sends a message twice, which the mail provider absorbs: the message id is the same. Each send continues the trace
 * of the request that wrote the message ({@link DeliveryTrace}), so it is a span of its order's trace.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final MailConfig config;
    private final MailApi mail;
    private final Steps steps;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "outbox-relay");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean queued = new AtomicBoolean();

    public OutboxRelay(MailConfig config, Steps steps) {
        this.config = config;
        this.steps = steps;
        this.mail = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(config.url()))
                .connectTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .disableDefaultMapper(true)
                .build(MailApi.class);
    }

    public void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Notifier.OutboxWritten written) {
        wake();
    }

    @Scheduled(every = "${shoplab.mail.sweep-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void sweep() {
        wake();
    }

    /** Makes the relay thread run a round soon; wakes that arrive while one is queued are one round. */
    public void wake() {
        if (queued.compareAndSet(false, true)) {
            thread.execute(this::round);
        }
    }

    @PreDestroy
    public void stop() {
        thread.shutdownNow();
    }

    private void round() {
        queued.set(false);
        try {
            while (deliverOneBatch() == config.batchSize()) {
                // a full batch: there may be more due right now
            }
        } catch (RuntimeException e) {
            LOG.warnf("Outbox delivery round failed, the next sweep tries again: %s", e.toString());
        }
    }

    /** Sends one batch of due messages; returns how many were due. */
    public int deliverOneBatch() {
        List<OutboxRow> due = steps.due(config.batchSize());
        if (due.isEmpty()) {
            return 0;
        }
        Map<OutboxRow, CompletableFuture<String>> sends = new LinkedHashMap<>();
        for (OutboxRow message : due) {
            sends.put(message, send(message));
        }
        List<String> delivered = new ArrayList<>();
        Map<OutboxRow, String> failed = new LinkedHashMap<>();
        sends.forEach((message, send) -> {
            String error = send.join();
            if (error == null) {
                delivered.add(message.messageId);
            } else {
                failed.put(message, error);
            }
        });
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        steps.delivered(delivered, now);
        failed.forEach((message, error) -> steps.failed(message.messageId, message.attempts + 1, error, now));
        return due.size();
    }

    /** Completes with null once the provider took the message, with the reason otherwise. */
    private CompletableFuture<String> send(OutboxRow message) {
        try (Scope trace = DeliveryTrace.resume(message.traceparent)) {
            return mail.send(new MailApi.MailMessage(message.messageId, message.orderId.toString(), message.recipient,
                            message.kind))
                    .toCompletableFuture()
                    .handle((answer, failure) -> {
                        if (failure != null) {
                            return "not delivered: " + failure;
                        }
                        try (Response response = answer) {
                            return response.getStatus() / 100 == 2 ? null : "mail provider answered " + response.getStatus();
                        }
                    });
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture("not delivered: " + e);
        }
    }

    /** The relay's database steps, each its own short transaction (never open while mail is sent). */
    @ApplicationScoped
    public static class Steps {

        private final EntityManager em;

        Steps(EntityManager em) {
            this.em = em;
        }

        @Transactional
        List<OutboxRow> due(int limit) {
            return em.createQuery("from OutboxRow m where m.deliveredAt is null and m.nextAttemptAt <= :now"
                            + " order by m.nextAttemptAt", OutboxRow.class)
                    .setParameter("now", Instant.now())
                    .setMaxResults(limit)
                    .getResultList();
        }

        @Transactional
        void delivered(List<String> messageIds, Instant now) {
            if (messageIds.isEmpty()) {
                return;
            }
            // setParameterList: JPA's setParameter with a collection makes Hibernate try it as one id first, and
            // throw and catch an exception for it
            em.unwrap(Session.class).createMutationQuery("update OutboxRow m set m.deliveredAt = :now,"
                            + " m.attempts = m.attempts + 1, m.lastError = null where m.messageId in :ids")
                    .setParameter("now", now)
                    .setParameterList("ids", messageIds)
                    .executeUpdate();
        }

        @Transactional
        void failed(String messageId, int attempts, String error, Instant now) {
            em.createQuery("update OutboxRow m set m.attempts = :attempts, m.nextAttemptAt = :next,"
                            + " m.lastError = :error where m.messageId = :id")
                    .setParameter("attempts", attempts)
                    .setParameter("next", RedeliveryBacksOff.nextAttempt(now, attempts))
                    .setParameter("error", error.length() <= 300 ? error : error.substring(0, 300))
                    .setParameter("id", messageId)
                    .executeUpdate();
        }
    }
}

package dev.shoplab.eventdriven.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Runs an action once the current transaction has committed (never if it rolls back): how a service
 * nudges its outbox relay or a worker right after it wrote work for them, instead of waiting for a poll.
 */
@ApplicationScoped
public class AfterCommit {

    private final TransactionSynchronizationRegistry registry;

    AfterCommit(TransactionSynchronizationRegistry registry) {
        this.registry = registry;
    }

    /** Runs {@code action} after the commit of the current transaction, once per transaction per {@code key}. */
    public void run(Object key, Runnable action) {
        Object resourceKey = new Key(key);
        if (registry.getResource(resourceKey) != null) {
            return;
        }
        registry.putResource(resourceKey, Boolean.TRUE);
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to do before the commit
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }

    private record Key(Object value) {
    }
}

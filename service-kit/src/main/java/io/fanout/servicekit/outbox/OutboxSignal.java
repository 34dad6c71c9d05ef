package io.fanout.servicekit.outbox;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes the relay when events are there to send: when the transaction that appended them commits
 * (a rolled-back one wakes nobody), or at once for events appended outside a transaction.
 */
@ApplicationScoped
@IfBuildProperty(name = "fanout.outbox.enabled", stringValue = "true", enableIfMissing = true)
public class OutboxSignal {

    private final Semaphore wakes = new Semaphore(0);
    private final TransactionSynchronizationRegistry transactions;

    public OutboxSignal(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    /** Events were appended in the current transaction, if any: its commit wakes the relay once. */
    void appended() {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            wakes.release();
            return;
        }
        if (transactions.getResource(OutboxSignal.class) != null) {
            return;
        }
        transactions.putResource(OutboxSignal.class, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // only the outcome matters
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    wakes.release();
                }
            }
        });
    }

    /** Waits until a commit wakes the relay or {@code timeout} passes; either way every wake so far is taken. */
    void await(Duration timeout) throws InterruptedException {
        wakes.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
        wakes.drainPermits();
    }
}

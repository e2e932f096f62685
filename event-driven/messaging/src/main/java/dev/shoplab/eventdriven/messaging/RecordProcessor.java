package dev.shoplab.eventdriven.messaging;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a {@link ConsumerLoop} hands the records it polls to: {@link EventConsumers} in a service (which applies,
 * skips, retries or dead-letters each), a stand-in in the loop's own tests.
 */
interface RecordProcessor {

    /** What became of one record. */
    enum Outcome {
        /** Applied, skipped as a duplicate or as none of this service's business, or dead-lettered: move on. */
        DONE,
        /** Not applied because of a transient failure: deliver it again. */
        RETRY
    }

    /**
     * Applies the records of one poll in one transaction; false, having applied nothing, when they have to be taken
     * one by one through {@link #process}.
     */
    boolean processTogether(List<ConsumerRecord<String, byte[]>> records);

    /**
     * Decides and carries out the fate of one record; {@code attempt} counts its earlier non-transient failures.
     * Throws {@link HandlerFailure} for a non-transient failure that has attempts left.
     */
    Outcome process(ConsumerRecord<String, byte[]> record, int attempt);

    /** A non-transient handler failure that has attempts left: the loop counts it and delivers the record again. */
    final class HandlerFailure extends RuntimeException {
        HandlerFailure(Throwable cause) {
            super(cause);
        }
    }
}

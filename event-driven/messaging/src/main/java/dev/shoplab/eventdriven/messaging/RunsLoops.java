package dev.shoplab.eventdriven.messaging;

import java.util.List;

/**
 * A bean that runs loop threads of its own (the consumers, the outbox relay, an outbound worker): the health checks
 * ask it which of them died ({@link MessagingLiveness}).
 */
public interface RunsLoops {

    /** Each loop thread of this bean that ended while nobody stopped it: its name and what ended it. Empty normally. */
    List<String> deadLoops();
}

package dev.shoplab.testing;

import dev.shoplab.traces.Span;
import dev.shoplab.traces.Trace;
import dev.shoplab.traces.TraceReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * How a test waits for an order's trace in a receiver (bounded, saying what had arrived when it gives up), and picks
 * spans out of it.
 */
public final class OrderTraces {

    private OrderTraces() {
    }

    /**
     * The trace of order {@code orderId} once it is {@link Trace#isWhole() whole} and {@code complete} holds; polls
     * the receiver for at most {@code bound}.
     *
     * @throws AssertionError naming the order and listing the spans that had arrived, when the bound passes
     */
    public static Trace await(TraceReceiver receiver, String orderId, Duration bound, Predicate<Trace> complete) {
        try {
            return Awaitility.await().atMost(bound)
                    .until(() -> receiver.byOrderId(orderId).filter(Trace::isWhole).filter(complete),
                            Optional::isPresent)
                    .orElseThrow();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the trace of order " + orderId + " was not complete within " + bound
                    + "; it holds: " + receiver.byOrderId(orderId).map(Trace::waterfall).map(Object::toString)
                    .orElse("nothing"), e);
        }
    }

    /** A client span of {@code service} calling a URL that contains {@code path} ({@code url.full}). */
    public static Predicate<Span> clientCall(String service, String path) {
        return s -> s.service().equals(service) && s.kind() == Span.Kind.CLIENT
                && s.attributes().getOrDefault("url.full", "").contains(path);
    }

    /** The spans of {@code trace} that {@code which} accepts, in start order. */
    public static List<Span> spans(Trace trace, Predicate<Span> which) {
        return trace.spans().stream().filter(which).toList();
    }
}

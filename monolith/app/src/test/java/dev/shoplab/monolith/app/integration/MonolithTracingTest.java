package dev.shoplab.monolith.app.integration;

import static dev.shoplab.conformance.ShopClient.orderBody;
import static dev.shoplab.testing.OrderTraces.clientCall;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplab.monolith.app.support.MonolithTestSupport;
import dev.shoplab.testing.OrderTraces;
import dev.shoplab.testing.RealInfrastructure;
import dev.shoplab.testing.TestLab;
import dev.shoplab.traces.Span;
import dev.shoplab.traces.Trace;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * With tracing on, one order is one trace in the lab's receiver: the request, the order's two transactions and the
 * charge as spans of the monolith, the PSP call and, from the outbox relay's thread, the mail call as client spans.
 * Sku SKU-0560.
 */
@QuarkusTest
@TestProfile(MonolithTracingTest.TracingOn.class)
class MonolithTracingTest extends MonolithTestSupport {

    /** The monolith with its OpenTelemetry SDK switched on, sending to the test JVM's receiver. */
    public static final class TracingOn implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RealInfrastructure.class, Map.of("traces", "true")));
        }
    }

    @Test
    void one_order_is_one_trace_from_the_request_to_the_psp_and_the_mail_provider() {
        client().seed(Map.of("SKU-0560", 10));

        JsonNode order = client().placeConcluded(orderBody(newCustomer(), "tok_ok", "SKU-0560", 1), null);
        String orderId = order.path("orderId").asText();

        Trace trace = OrderTraces.await(TestLab.get().traces(), orderId, Duration.ofSeconds(30),
                has(clientCall("monolith", "/mail/messages")));
        Span request = trace.root();
        assertThat(request.name()).isEqualTo("POST /api/orders");
        assertThat(request.kind()).isEqualTo(Span.Kind.SERVER);
        assertThat(request.service()).isEqualTo("monolith");
        assertThat(request.namespace()).isEqualTo("monolith");
        assertThat(request.orderId()).isEqualTo(orderId);
        // the simulators' own server spans join when they were started with tracing on (not when an earlier test
        // class of this JVM started them): only the monolith's spans are asserted
        assertThat(trace.services()).contains("monolith").isSubsetOf("monolith", "simulators");

        Span open = one(trace, s -> s.name().equals("order: open (transaction 1)"));
        Span charge = one(trace, s -> s.name().equals("payment: charge"));
        Span conclude = one(trace, s -> s.name().equals("order: conclude (transaction 2)"));
        assertThat(List.of(open, charge, conclude)).allSatisfy(step -> assertThat(step.parentSpanId())
                .isEqualTo(request.spanId()));
        assertThat(open.endEpochNanos()).isLessThanOrEqualTo(charge.startEpochNanos());
        assertThat(charge.endEpochNanos()).isLessThanOrEqualTo(conclude.startEpochNanos());

        Span psp = one(trace, clientCall("monolith", "/psp/charges"));
        assertThat(psp.parentSpanId()).isEqualTo(charge.spanId());
        Span mail = one(trace, clientCall("monolith", "/mail/messages"));
        assertThat(mail.parentSpanId()).as("the relay resumes the trace of the transaction that wrote the message")
                .isEqualTo(conclude.spanId());
        assertThat(mail.startEpochNanos()).isGreaterThanOrEqualTo(conclude.startEpochNanos());
    }

    private static Predicate<Trace> has(Predicate<Span> span) {
        return trace -> trace.spans().stream().anyMatch(span);
    }

    private static Span one(Trace trace, Predicate<Span> which) {
        List<Span> found = trace.spans().stream().filter(which).toList();
        assertThat(found).as("spans of %s", trace.waterfall()).hasSize(1);
        return found.get(0);
    }
}

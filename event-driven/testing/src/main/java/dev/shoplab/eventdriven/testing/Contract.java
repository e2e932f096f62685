package dev.shoplab.eventdriven.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shoplab.eventdriven.messaging.EventSchemas;
import dev.shoplab.eventdriven.messaging.TraceParent;

/** The producer contract check: what a service published conforms to the schema file of its type and version. */
public final class Contract {

    private Contract() {
    }

    /** Asserts the event is JSON, carries a valid traceparent header, and conforms to its schema. */
    public static ReceivedEvent assertConforms(ReceivedEvent event) {
        assertThat(event.json()).as("value of %s is JSON", event).isNotNull();
        assertThat(EventSchemas.problems(event.json())).as("contract problems of %s", event).isEmpty();
        assertThat(TraceParent.parse(event.header(TraceParent.HEADER))).as("traceparent header of %s", event)
                .isPresent();
        if (event.orderId() != null) {
            assertThat(event.key()).as("key of %s is its orderId", event).isEqualTo(event.orderId());
        }
        return event;
    }
}

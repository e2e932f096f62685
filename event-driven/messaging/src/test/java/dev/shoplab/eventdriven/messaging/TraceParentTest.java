package dev.shoplab.eventdriven.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.junit.jupiter.api.Test;

class TraceParentTest {

    @Test
    void continues_the_callers_trace_with_a_new_span() {
        String caller = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        TraceParent span = TraceParent.continueOrStart(caller);

        assertThat(span.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(span.spanId()).hasSize(16).isNotEqualTo("00f067aa0ba902b7");
        assertThat(span.header()).matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01");
    }

    @Test
    void starts_a_new_trace_when_the_header_is_missing_or_malformed() {
        assertThat(TraceParent.continueOrStart(null).header()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(TraceParent.parse("garbage")).isEmpty();
        assertThat(TraceParent.parse("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).isEmpty();
        assertThat(TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01")).isEmpty();
        assertThat(TraceParent.parse("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")).isEmpty();
    }

    @Test
    void resumes_the_span_a_row_names_and_hands_it_to_opentelemetry_as_a_remote_parent() {
        String row = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00";

        TraceParent resumed = TraceParent.resume(row);

        assertThat(resumed.header()).as("the same span, its sampling decision kept").isEqualTo(row);
        SpanContext parent = Span.fromContext(resumed.asParent()).getSpanContext();
        assertThat(parent.isRemote()).isTrue();
        assertThat(parent.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(parent.getSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(parent.isSampled()).isFalse();
        assertThat(TraceParent.of(parent)).isEqualTo(resumed);
        assertThat(TraceParent.resume(null).header()).as("no row trace: a new one")
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    @Test
    void two_new_traces_differ() {
        assertThat(TraceParent.newRoot().traceId()).isNotEqualTo(TraceParent.newRoot().traceId());
    }
}

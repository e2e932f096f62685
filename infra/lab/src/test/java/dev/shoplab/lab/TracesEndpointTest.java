package dev.shoplab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a traces endpoint accepts, and the Quarkus settings that switch a service's tracing on. */
class TracesEndpointTest {

    @Test
    void a_base_url_gives_the_run_time_settings_that_switch_tracing_on() {
        TracesEndpoint endpoint = TracesEndpoint.of("http://127.0.0.1:4318/");

        assertEquals("http://127.0.0.1:4318", endpoint.url(), "a trailing slash is dropped");
        assertEquals(Map.of("quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:4318",
                "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                "quarkus.otel.bsp.schedule.delay", "1s"), endpoint.quarkusConfig());
    }

    @Test
    void what_is_not_the_base_url_of_an_http_receiver_is_refused_saying_what_to_give() {
        for (String wrong : new String[] {"", "127.0.0.1:4318", "grpc://127.0.0.1:4317", "http://127.0.0.1",
                "http://127.0.0.1:4318/v1/traces", "http://127.0.0.1:4318?x=1"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TracesEndpoint.of(wrong),
                    wrong);
            assertTrue(e.getMessage().contains("for example http://127.0.0.1:4318"), e.getMessage());
        }
    }
}

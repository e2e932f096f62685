package dev.shoplab.eventdriven.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shoplab.eventdriven.messaging.KafkaClients;
import dev.shoplab.eventdriven.messaging.Sql;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every service's "stimulus, then the expected event" test shares (a {@code @QuarkusTest} extends
 * it): the service's topics exist, a probe reads the topics its events are expected on from the start of
 * each test, a sender publishes stimuli, and the service's database can be asked what it processed.
 */
public abstract class EventFlowTestSupport {

    /** How long an expected event may take. */
    protected static final Duration BOUND = Duration.ofSeconds(20);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    protected String bootstrap;

    @Inject
    protected KafkaClients kafka;

    @Inject
    DataSource database;

    protected EventProbe probe;
    protected EventSender sender;
    private Providers providers;

    /** The topics on which this test expects the service's events. */
    protected abstract String[] expectedTopics();

    @BeforeEach
    void openKafka() {
        kafka.ensureTopics();
        probe = EventProbe.listen(bootstrap, expectedTopics());
        sender = EventSender.connect(bootstrap);
    }

    @AfterEach
    void closeKafka() {
        probe.close();
        sender.close();
        if (providers != null) {
            providers.liftFaults("psp");
            providers.liftFaults("mail");
            providers = null;
        }
    }

    /** The provider simulators' admin API (a test that runs with {@code simulators=true}); faults end with the test. */
    protected Providers providers() {
        if (providers == null) {
            providers = new Providers(ConfigProvider.getConfig().getValue("shoplab.simulators.admin-url", String.class),
                    ConfigProvider.getConfig().getValue("shoplab.control-token", String.class));
        }
        return providers;
    }

    /** True once the service recorded {@code event} as processed: its consumer got past it. */
    protected boolean processed(ObjectNode event) {
        return sql().one("select 1 from processed_event where event_id = ?", row -> 1,
                UUID.fromString(event.get("eventId").asText())).isPresent();
    }

    /** Plain SQL on the service's database, for what a test reads there (outside any transaction). */
    protected Sql sql() {
        return new Sql(database);
    }
}

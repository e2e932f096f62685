package dev.shoplab.lab.infra;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.LabRun;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/** The broker can be restarted the way the broker-restart fault does it: same ports, topics kept. */
class KafkaBrokerTest {

    @Test
    void restarts_on_the_same_port_keeping_its_topics() throws Exception {
        long pid;
        try (LabRun run = LabRun.open(LabHome.locate(), "test-kafka-restart")) {
            KafkaBroker broker = run.own(KafkaBroker.start(run.dir(), run.ledger()));
            broker.endpoint().createTopics(Map.of("orders.v1", 2));

            broker.stop();
            assertFalse(broker.endpoint().answers(Duration.ofSeconds(1)), "a stopped broker must not answer");

            broker.startAgain();
            pid = broker.pid();
            Properties props = new Properties();
            props.put("bootstrap.servers", broker.endpoint().bootstrapServers());
            try (Admin admin = Admin.create(props)) {
                assertTrue(admin.listTopics().names().get().contains("orders.v1"), "topic lost in the restart");
            }
        }
        long stopped = pid;
        assertTrue(ProcessHandle.of(stopped).map(h -> !h.isAlive()).orElse(true), "broker still runs after close");
    }
}

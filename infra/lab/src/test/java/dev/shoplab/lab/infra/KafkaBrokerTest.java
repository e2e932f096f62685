package dev.shoplab.lab.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.LabRun;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker as the bench uses it between runs: restarted the way the broker-restart fault does it (same
 * ports, topics kept), and cleaned of every topic and consumer group before the next run. One broker for
 * the class.
 */
class KafkaBrokerTest {

    private static LabRun run;
    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        run = LabRun.open(LabHome.locate(), "test-kafka-broker");
        broker = run.own(KafkaBroker.start(run.dir(), run.ledger()));
    }

    @AfterAll
    static void stopBroker() {
        long pid = broker.pid();
        run.close();
        assertTrue(ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true), "broker still runs after close");
    }

    @Test
    void restarts_on_the_same_port_keeping_its_topics() throws Exception {
        broker.endpoint().createTopics(Map.of("orders.v1", 2));

        Instant restartsAt = Instant.now().plusSeconds(30);
        broker.stopUntil(restartsAt);
        assertFalse(broker.endpoint().answers(Duration.ofSeconds(1)), "a stopped broker must not answer");
        assertEquals(List.of("kafka stopped until " + restartsAt), EmbeddedPostgresServerTest.ledgerLines(run),
                "./shoplab status shows the stopped broker and when it restarts");

        broker.startAgain();
        assertEquals(List.of("kafka running"), EmbeddedPostgresServerTest.ledgerLines(run), "one pid file, the broker's");
        try (Admin admin = admin()) {
            assertTrue(admin.listTopics().names().get().contains("orders.v1"), "topic lost in the restart");
        }
    }

    @Test
    void a_restart_that_fails_leaves_the_broker_shown_stopped_and_the_next_one_starts_it() throws Exception {
        broker.stopUntil(Instant.now().plusSeconds(30));
        int port = Integer.parseInt(broker.endpoint().bootstrapServers().substring("127.0.0.1:".length()));
        try (ServerSocket squatter = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            Instant tried = Instant.now();
            IllegalStateException failure = assertThrows(IllegalStateException.class, broker::startAgain,
                    "a broker whose port is taken cannot start");
            assertTrue(failure.getMessage().contains("kafka"), failure.getMessage());
            List<String> lines = EmbeddedPostgresServerTest.ledgerLines(run);
            assertEquals(1, lines.size(), "one pid file, the stopped broker's: " + lines);
            assertTrue(lines.get(0).startsWith("kafka stopped, its restart failed at "), lines.toString());
            assertFalse(Instant.parse(lines.get(0).substring(lines.get(0).lastIndexOf(' ') + 1)).isBefore(tried),
                    lines.toString());
        }
        broker.startAgain();
        assertEquals(List.of("kafka running"), EmbeddedPostgresServerTest.ledgerLines(run), "one pid file, the broker's");
        assertTrue(broker.endpoint().answers(Duration.ofSeconds(10)), "the broker answers after the second restart");
    }

    @Test
    void cleaning_removes_topics_and_groups_even_with_static_members_that_have_not_timed_out() throws Exception {
        broker.endpoint().createTopics(Map.of("payments.v1", 2));
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.endpoint().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "payment-service");
        // static membership, as the event-driven services use it: closing does not leave the group
        props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "payment-service-0");
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 45_000);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("payments.v1"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200));
            }
            assertFalse(consumer.assignment().isEmpty(), "the consumer never joined its group");
        }

        broker.endpoint().deleteTopicsAndGroups();

        try (Admin admin = admin()) {
            assertEquals(Set.of(), admin.listTopics().names().get(), "topics left");
            assertEquals(List.of(), admin.listConsumerGroups().all().get(), "groups left");
        }
    }

    private static Admin admin() {
        Properties props = new Properties();
        props.put("bootstrap.servers", broker.endpoint().bootstrapServers());
        return Admin.create(props);
    }
}

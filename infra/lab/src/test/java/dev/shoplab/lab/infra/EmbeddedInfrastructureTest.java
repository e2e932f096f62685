package dev.shoplab.lab.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.LabRun;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The embedded provider starts a real PostgreSQL and a real Kafka broker, and stops both without a trace. */
class EmbeddedInfrastructureTest {

    private static LabRun run;
    private static Infrastructure infra;

    @BeforeAll
    static void start() {
        run = LabRun.open(LabHome.locate(), "test-infra");
        infra = run.own(Infrastructure.start(InfraOptions.embedded(true, Durability.RELAXED), run.dir(), run.ledger()));
    }

    @AfterAll
    static void stop() {
        if (run != null) {
            Map<String, Long> pids = infra == null ? Map.of() : infra.pids();
            run.close();
            pids.forEach((role, pid) -> assertTrue(ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true),
                    role + " (pid " + pid + ") still runs after the run was closed"));
        }
    }

    @Test
    void runs_a_sql_round_trip_on_a_real_postgresql() throws Exception {
        PostgresEndpoint postgres = infra.postgres();
        postgres.createDatabase("roundtrip");
        try (Connection c = postgres.connect("roundtrip"); Statement s = c.createStatement()) {
            s.execute("create table stock (sku text primary key, available int not null)");
            s.execute("insert into stock values ('SKU-0001', 7)");
            s.execute("update stock set available = available - 2 where sku = 'SKU-0001'");
            try (ResultSet rs = s.executeQuery("select available, version() from stock")) {
                assertTrue(rs.next());
                assertEquals(5, rs.getInt(1));
                assertTrue(rs.getString(2).startsWith("PostgreSQL"), rs.getString(2));
            }
        }
    }

    @Test
    void creates_a_database_per_owner_and_tolerates_asking_twice() throws Exception {
        PostgresEndpoint postgres = infra.postgres();
        for (String owner : List.of("dm_order", "dm_inventory", "dm_payment", "dm_notification")) {
            postgres.createDatabase(owner);
            postgres.createDatabase(owner);
            try (Connection c = postgres.connect(owner)) {
                assertEquals(owner, c.getCatalog());
            }
        }
    }

    @Test
    void runs_postgresql_with_the_durability_it_was_asked_for() throws Exception {
        try (Connection c = infra.postgres().connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("show fsync")) {
            assertTrue(rs.next());
            assertEquals("off", rs.getString(1));
        }
        assertTrue(infra.durability().startsWith("RELAXED"));
    }

    @Test
    void rejects_a_database_name_that_is_not_an_identifier() {
        IllegalArgumentException e = Assertions.assertThrows(IllegalArgumentException.class,
                () -> infra.postgres().createDatabase("orders; drop database postgres"));
        assertTrue(e.getMessage().contains("Invalid database name"), e.getMessage());
    }

    @Test
    void produces_and_consumes_a_record_on_a_real_kafka_broker() {
        KafkaEndpoint kafka = infra.kafka().orElseThrow();
        String topic = "roundtrip.v1";
        kafka.createTopics(Map.of(topic, 3));

        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "order-1", "{\"type\":\"OrderPlaced\"}")).get();
        } catch (Exception e) {
            throw new AssertionError("producing to the real broker failed", e);
        }

        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "roundtrip-" + UUID.randomUUID());
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    assertEquals("order-1", record.key());
                    assertEquals("{\"type\":\"OrderPlaced\"}", record.value());
                    return;
                }
            }
            throw new AssertionError("no record consumed within 30 s");
        }
    }

    @Test
    void creates_topics_with_the_partition_count_asked_for() throws Exception {
        KafkaEndpoint kafka = infra.kafka().orElseThrow();
        kafka.createTopics(Map.of("orders.v1", 4, "payments.v1", 2));
        kafka.createTopics(Map.of("orders.v1", 4));
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            var topics = admin.describeTopics(List.of("orders.v1", "payments.v1")).allTopicNames().get();
            assertEquals(4, topics.get("orders.v1").partitions().size());
            assertEquals(2, topics.get("payments.v1").partitions().size());
        }
        assertFalse(new KafkaEndpoint("127.0.0.1:1").answers(Duration.ofMillis(500)),
                "a port nobody listens on must not count as a broker");
    }
}

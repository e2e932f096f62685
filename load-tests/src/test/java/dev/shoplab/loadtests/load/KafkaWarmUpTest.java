package dev.shoplab.loadtests.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoplab.lab.infra.KafkaEndpoint;
import dev.shoplab.testing.TestLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The broker warm-up sends its records through a real broker and fetches every one of them back. */
class KafkaWarmUpTest {

    @Test
    void sends_its_records_in_small_requests_and_reads_them_all_back() throws Exception {
        KafkaEndpoint kafka = TestLab.get().kafka();
        Path logs = Files.createTempDirectory(TestLab.get().runDir(), "kafka-warm-up");

        double seconds = KafkaWarmUp.run(kafka, logs);

        assertTrue(seconds >= (double) KafkaWarmUp.RECORDS / KafkaWarmUp.RATE * 0.9,
                "held to " + KafkaWarmUp.RATE + " records/s, it cannot end in " + seconds + " s");
        assertEquals(KafkaWarmUp.RECORDS, recordsIn(kafka, KafkaWarmUp.TOPIC));
        String consumer = Files.readString(logs.resolve("kafka-warm-up-consumer.log"));
        assertTrue(consumer.contains(", " + KafkaWarmUp.RECORDS + ","),
                "the consumer benchmark read every record back:\n" + consumer);
    }

    private static long recordsIn(KafkaEndpoint kafka, String topic) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            int partitions = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().size();
            Map<TopicPartition, OffsetSpec> latest = java.util.stream.IntStream.range(0, partitions).boxed()
                    .collect(Collectors.toMap(i -> new TopicPartition(topic, i), i -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }
}

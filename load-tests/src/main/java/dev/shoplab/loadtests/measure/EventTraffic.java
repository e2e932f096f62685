package dev.shoplab.loadtests.measure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The records an architecture wrote to Kafka while a run's load lasted: how many per order, and how large. Read
 * from the broker itself (end offsets before and after, and a sample of the records in between), so that the
 * Kafka ceiling is measured with the saga's own traffic, whatever its events are. Dead-letter topics
 * ({@code *.dlt}) and Kafka's own ({@code __*}) are left out.
 *
 * @param recordsByTopic  records written to each topic during the load
 * @param partitions      the most partitions a topic with records has
 * @param meanRecordBytes mean size of a sampled record: key, value and headers (names and values), bytes
 */
public record EventTraffic(Map<String, Long> recordsByTopic, int partitions, double meanRecordBytes) {

    /** Records sampled per partition to measure sizes. */
    private static final int SAMPLE_PER_PARTITION = 200;

    /** Every record written during the load. */
    public long records() {
        return recordsByTopic.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Records per order: {@link #records()} over {@code orders} (0 with no order). */
    public double perOrder(long orders) {
        return orders == 0 ? 0 : Math.round(100.0 * records() / orders) / 100.0;
    }

    /** The end offset of every partition of every topic that is not Kafka's own nor a dead-letter topic. */
    public static Map<TopicPartition, Long> endOffsets(String bootstrapServers) {
        Admin admin = Admin.create(adminProps(bootstrapServers));
        try {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> topics = names.stream().filter(t -> !t.startsWith("__") && !t.endsWith(".dlt")).sorted()
                    .toList();
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            described.values().forEach(d -> d.partitions().forEach(p ->
                    latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS)
                    .forEach((tp, info) -> offsets.put(tp, info.offset()));
            return offsets;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot read the end offsets at " + bootstrapServers + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading end offsets", e);
        } finally {
            admin.close(Duration.ofSeconds(5)); // close() waits without a bound for calls in flight
        }
    }

    /** The records written since {@code before} (end offsets read earlier), sampled for their size. */
    public static EventTraffic since(String bootstrapServers, Map<TopicPartition, Long> before) {
        Map<TopicPartition, Long> after = endOffsets(bootstrapServers);
        Map<String, Long> byTopic = new LinkedHashMap<>();
        Map<String, Integer> partitionsByTopic = new HashMap<>();
        List<TopicPartition> written = new ArrayList<>();
        after.forEach((tp, end) -> {
            long start = before.getOrDefault(tp, 0L);
            partitionsByTopic.merge(tp.topic(), 1, Integer::sum);
            if (end > start) {
                byTopic.merge(tp.topic(), end - start, Long::sum);
                written.add(tp);
            }
        });
        int partitions = byTopic.keySet().stream().mapToInt(t -> partitionsByTopic.getOrDefault(t, 1)).max().orElse(1);
        return new EventTraffic(byTopic, partitions, meanSize(bootstrapServers, written, before));
    }

    private static double meanSize(String bootstrapServers, List<TopicPartition> partitions,
                                   Map<TopicPartition, Long> from) {
        if (partitions.isEmpty()) {
            return 0;
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        long bytes = 0;
        long count = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.assign(partitions);
            Map<TopicPartition, Integer> taken = new HashMap<>();
            partitions.forEach(tp -> {
                consumer.seek(tp, from.getOrDefault(tp, 0L));
                taken.put(tp, 0);
            });
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < deadline && taken.values().stream().anyMatch(n -> n < SAMPLE_PER_PARTITION)) {
                var records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (taken.merge(tp, 1, Integer::sum) <= SAMPLE_PER_PARTITION) {
                        bytes += size(r);
                        count++;
                    }
                }
            }
        }
        return count == 0 ? 0 : Math.round(10.0 * bytes / count) / 10.0;
    }

    private static long size(ConsumerRecord<byte[], byte[]> r) {
        long n = (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
        for (Header h : r.headers()) {
            n += h.key().length() + (h.value() == null ? 0 : h.value().length);
        }
        return n;
    }

    private static Properties adminProps(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return props;
    }
}

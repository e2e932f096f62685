package dev.shoplab.loadtests.live;

import java.util.ArrayList;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer lag on the lab's Kafka broker: for every consumer group, the records of the partitions it reads that
 * it has not committed yet (log-end offset − committed offset), summed. How far the event-driven services are
 * behind what was published to them. Not thread-safe: one ticker calls it.
 */
final class ConsumerLag implements AutoCloseable {

    private static final int CALL_MS = 2000;

    private final Admin admin;

    ConsumerLag(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, CALL_MS);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, CALL_MS);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        this.admin = Admin.create(props);
    }

    /** Records not yet consumed, summed over every group; -1 when the broker does not answer (it may be restarting). */
    long total() {
        try {
            List<Map<TopicPartition, OffsetAndMetadata>> groups = new ArrayList<>();
            Map<TopicPartition, OffsetSpec> read = new HashMap<>();
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(CALL_MS, TimeUnit.MILLISECONDS)) {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get(CALL_MS, TimeUnit.MILLISECONDS);
                groups.add(offsets);
                offsets.keySet().forEach(p -> read.put(p, OffsetSpec.latest()));
            }
            if (read.isEmpty()) {
                return 0;
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(read).all()
                    .get(CALL_MS, TimeUnit.MILLISECONDS);
            long lag = 0;
            for (Map<TopicPartition, OffsetAndMetadata> offsets : groups) {
                for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
                    ListOffsetsResult.ListOffsetsResultInfo end = ends.get(e.getKey());
                    if (end != null && e.getValue() != null) {
                        lag += Math.max(0, end.offset() - e.getValue().offset());
                    }
                }
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}

package dev.shoplab.lab.infra;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.TopicExistsException;

/** Where a Kafka cluster answers, and the admin calls the lab needs: is it up, and topics. */
public record KafkaEndpoint(String bootstrapServers) {

    /** True when the cluster answers a describe-cluster call within the bound. */
    public boolean answers(Duration bound) {
        try (ClosingAdmin closing = admin(bound)) {
            closing.admin().describeCluster().nodes().get(bound.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Creates each topic with the given partition count (replication 1); topics that exist are left as they are. */
    public void createTopics(Map<String, Integer> partitionsByTopic) {
        List<NewTopic> topics = partitionsByTopic.entrySet().stream()
                .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1))
                .toList();
        try (ClosingAdmin closing = admin(Duration.ofSeconds(30))) {
            for (var entry : closing.admin().createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + entry.getKey() + " on "
                                + bootstrapServers + ": " + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not create topics within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }

    /**
     * Deletes every topic that is not Kafka's own and every consumer group, so the next run of an
     * architecture starts from an empty broker without the cost of a new one.
     */
    public void deleteTopicsAndGroups() {
        try (ClosingAdmin closing = admin(Duration.ofSeconds(30))) {
            Admin admin = closing.admin();
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> groups = admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream()
                    .map(ConsumerGroupListing::groupId).toList();
            for (String group : groups) {
                deleteGroup(admin, group);
            }
            if (!topics.isEmpty()) {
                admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
                // Deletion is asynchronous: wait until the names are gone, so they can be created again.
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!Collections.disjoint(admin.listTopics().names().get(30, TimeUnit.SECONDS), topics)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka did not finish deleting topics within 30 s");
                    }
                    TimeUnit.MILLISECONDS.sleep(100);
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot clean the broker at " + bootstrapServers + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while cleaning the broker", e);
        }
    }

    /**
     * Deletes a consumer group. Members with a {@code group.instance.id} (static membership) do not leave
     * the group when their process stops, only when their session times out: they are removed first.
     */
    private static void deleteGroup(Admin admin, String group)
            throws ExecutionException, TimeoutException, InterruptedException {
        try {
            admin.deleteConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupNotEmptyException)) {
                throw e;
            }
            try {
                admin.removeMembersFromConsumerGroup(group,
                        new RemoveMembersFromConsumerGroupOptions()).all()
                        .get(30, TimeUnit.SECONDS);
            } catch (ExecutionException left) {
                // the members left between the two calls, and the admin client refuses to remove none ("leaving
                // members should not be empty"): the group is empty now, which is what the removal was for
                if (!(left.getCause() instanceof IllegalArgumentException)) {
                    throw left;
                }
            }
            admin.deleteConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * An admin client that closes within its calls' bound: {@link Admin#close()} waits without a bound for calls in
     * flight, and against a port that accepts connections but never answers (another program on the broker's port, a
     * broker that hangs) they never end — a broker restart waited forever instead of failing after its 60 s.
     */
    private record ClosingAdmin(Admin admin, Duration bound) implements AutoCloseable {
        @Override
        public void close() {
            admin.close(bound);
        }
    }

    private ClosingAdmin admin(Duration bound) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, bound.toMillis()));
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.max(1000, bound.toMillis()));
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
        return new ClosingAdmin(Admin.create(props), bound);
    }
}

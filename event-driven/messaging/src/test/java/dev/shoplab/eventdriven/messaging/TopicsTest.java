package dev.shoplab.eventdriven.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void every_topic_has_a_dead_letter_topic_and_saga_topics_share_a_partition_count() {
        var topics = Topics.all(4);

        assertThat(topics).containsEntry("orders.v1", 4).containsEntry("inventory.v1", 4)
                .containsEntry("payments.v1", 4).containsEntry("notifications.v1", 4).containsEntry("catalogue.v1", 1);
        topics.keySet().stream().filter(t -> !t.endsWith(".dlt"))
                .forEach(t -> assertThat(topics).containsKey(t + ".dlt"));
    }
}

package dev.shoplab.eventdriven.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class StaticMemberIdTest {

    @Test
    void one_process_per_service_names_its_consumers_after_the_service() {
        assertThat(KafkaClients.staticMemberId("order-service", Optional.empty(), 0)).isEqualTo("order-service-0");
        assertThat(KafkaClients.staticMemberId("order-service", Optional.of(" "), 1)).isEqualTo("order-service-1");
    }

    @Test
    void replicas_never_share_a_member_id_and_keep_theirs_across_a_restart() {
        String first = KafkaClients.staticMemberId("order-service", Optional.of("order-service-0"), 1);
        String second = KafkaClients.staticMemberId("order-service", Optional.of("order-service-1"), 1);

        assertThat(first).isEqualTo("order-service-0-1").isNotEqualTo(second);
        assertThat(KafkaClients.staticMemberId("order-service", Optional.of("order-service-0"), 1)).isEqualTo(first);
    }
}

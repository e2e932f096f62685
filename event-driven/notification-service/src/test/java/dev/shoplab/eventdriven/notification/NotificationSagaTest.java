package dev.shoplab.eventdriven.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shoplab.eventdriven.messaging.Topics;
import dev.shoplab.eventdriven.notification.domain.MessageIdentity;
import dev.shoplab.eventdriven.notification.persistence.NotificationRow;
import dev.shoplab.eventdriven.testing.Contract;
import dev.shoplab.eventdriven.testing.EventFlowTestSupport;
import dev.shoplab.eventdriven.testing.ReceivedEvent;
import dev.shoplab.eventdriven.testing.SagaEvents;
import dev.shoplab.testing.RealInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** notification-service against a real broker, database and mail simulator: a terminal order event in, one mail out. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = {
        @ResourceArg(name = "database", value = "ed_notification"), @ResourceArg(name = "kafka", value = "true"),
        @ResourceArg(name = "simulators", value = "true")})
class NotificationSagaTest extends EventFlowTestSupport {

    @Override
    protected String[] expectedTopics() {
        return new String[] {Topics.NOTIFICATIONS};
    }

    private NotificationRow notification(String order) {
        return sql().one("select * from notification where order_id = ?", NotificationRow::read, order).orElse(null);
    }

    @Test
    void tells_the_customer_the_outcome_of_a_confirmed_order() {
        String order = UUID.randomUUID().toString();

        sender.send(Topics.ORDERS, SagaEvents.orderConfirmed(order, 1999));

        ReceivedEvent notified = Contract.assertConforms(probe.await(BOUND, "CustomerNotified", order));
        assertThat(notified.payload().get("kind").asText()).isEqualTo("ORDER_CONFIRMED");
        assertThat(providers().mailsAbout(order)).singleElement().satisfies(mail -> {
            assertThat(mail.get("kind").asText()).isEqualTo("ORDER_CONFIRMED");
            assertThat(mail.get("to").asText()).isEqualTo("customer-1@customers.shoplab.invalid");
            assertThat(mail.get("messageId").asText()).isEqualTo(MessageIdentity.of(order));
        });
    }

    @Test
    void sends_one_mail_however_often_the_outcome_is_delivered() {
        String order = UUID.randomUUID().toString();
        ObjectNode rejected = SagaEvents.orderRejected(order, "OUT_OF_STOCK");

        sender.send(Topics.ORDERS, rejected);
        sender.send(Topics.ORDERS, rejected);
        ObjectNode again = sender.send(Topics.ORDERS, SagaEvents.orderRejected(order, "OUT_OF_STOCK"));
        probe.await(BOUND, "CustomerNotified", order);
        Awaitility.await("the last delivery was consumed").atMost(BOUND).until(() -> processed(again));

        assertThat(probe.about(order).stream().filter(e -> "CustomerNotified".equals(e.type()))).hasSize(1);
        assertThat(providers().mailsAbout(order)).hasSize(1);
    }

    @Test
    void keeps_trying_while_the_mail_provider_is_down_and_sends_once_it_is_back() {
        providers().faults("mail", "{\"down\":true}");
        String order = UUID.randomUUID().toString();

        sender.send(Topics.ORDERS, SagaEvents.orderFailed(order));

        Awaitility.await("two failed sends").atMost(BOUND).until(() -> notification(order) != null
                && notification(order).attempts >= 2);
        assertThat(notification(order).state).isEqualTo(NotificationRow.State.PENDING);
        providers().liftFaults("mail");
        probe.await(BOUND, "CustomerNotified", order);
        assertThat(providers().mailsAbout(order)).singleElement()
                .satisfies(mail -> assertThat(mail.get("kind").asText()).isEqualTo("ORDER_FAILED"));
    }
}

package dev.shoplab.lab.infra;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the lab's readiness checks ask of a Kafka address that is not a broker: a program that took the broker's
 * port accepts connections and never answers in Kafka's protocol. A check must say "no" within its bound, not hang.
 */
class KafkaEndpointTest {

    @Test
    void a_port_that_accepts_and_never_answers_is_not_a_broker_and_the_check_ends() throws Exception {
        List<SocketChannel> earlier = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // nothing accepts, and earlier connections fill its queue: the next ones stay half open, as at a hung port
            for (int i = 0; i < 4; i++) {
                SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort()));
                earlier.add(channel);
            }
            KafkaEndpoint endpoint = new KafkaEndpoint("127.0.0.1:" + silent.getLocalPort());

            // the bound of the call, and as long again for closing the client: well inside 20 s
            boolean answered = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> endpoint.answers(Duration.ofSeconds(2)));

            assertFalse(answered, "a silent port is not a broker");
        } finally {
            for (SocketChannel channel : earlier) {
                channel.close();
            }
        }
    }
}

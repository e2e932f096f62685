package dev.shoplab.eventdriven.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shoplab.conformance.ShopUnderTest;
import dev.shoplab.eventdriven.lab.EventDriven;
import dev.shoplab.eventdriven.testing.Providers;
import dev.shoplab.lab.InfraStack;
import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.LabRun;
import dev.shoplab.lab.TracesEndpoint;
import dev.shoplab.lab.architecture.RunningArchitecture;
import dev.shoplab.lab.infra.FreePorts;
import dev.shoplab.lab.seed.CatalogueSeed;
import dev.shoplab.testing.TestLab;
import dev.shoplab.traces.TraceReceiver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The event-driven shop of this test JVM, started once through the lab's launcher ({@link EventDriven}) on
 * the test lab's PostgreSQL, Kafka and simulators, with the standard catalogue seeded; every system test
 * class uses it, and a JVM shutdown hook stops it. Tracing is on: every process (the simulators too, when this is
 * the first to start them) sends its spans to the test JVM's receiver ({@link TestLab#traces()}), so every system
 * test also runs with tracing on.
 */
final class EventDrivenShop {

    private static EventDrivenShop instance;

    private final TestLab lab;
    private final LabRun run;
    private final RunningArchitecture running;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private EventDrivenShop(TestLab lab, LabRun run, RunningArchitecture running) {
        this.lab = lab;
        this.run = run;
        this.running = running;
    }

    static synchronized EventDrivenShop get() {
        if (instance == null) {
            TestLab lab = TestLab.get();
            TraceReceiver traces = lab.traces();
            InfraStack stack = new InfraStack(new TestLabInfrastructure(lab), lab.simulators());
            LabRun run = LabRun.open(LabHome.locate(), "ed-system-tests");
            run.sendTracesTo(TracesEndpoint.of(traces.endpoint()));
            RunningArchitecture running;
            try {
                running = start(run, stack);
            } catch (IllegalStateException notReadyInTime) {
                // Four JVMs starting at once on a fresh broker (its first consumer groups) on a two-core machine
                // that other builds keep busy can miss the launcher's readiness bound; what started was stopped:
                // one more try, then the failure stands (as DistributedShop does).
                System.err.println("event-driven: first start failed, trying once more: " + notReadyInTime.getMessage());
                try {
                    running = start(run, stack);
                } catch (RuntimeException e) {
                    run.close();
                    throw e;
                }
            } catch (RuntimeException e) {
                run.close();
                throw e;
            }
            EventDrivenShop shop = new EventDrivenShop(lab, run, running);
            Runtime.getRuntime().addShutdownHook(new Thread(run::close, "ed-system-tests-stop"));
            run.own(running);
            shop.seed(CatalogueSeed.standard());
            instance = shop;
        }
        return instance;
    }

    private static RunningArchitecture start(LabRun run, InfraStack stack) {
        return new EventDriven()
                // crash tests restart a service while its claims are leased: keep the wait short
                .with("payment-service", "shoplab.payment.lease", "5s")
                .with("notification-service", "shoplab.mail.lease", "5s")
                .start(run, stack, FreePorts.pick());
    }

    /** The shop as the conformance suite sees it: asynchronous, seeded at inventory-service. */
    ShopUnderTest asShopUnderTest() {
        return ShopUnderTest.of(running.edgeUrl(), true, running.catalogueAdminUrl(), lab.controlToken());
    }

    String edgeUrl() {
        return running.edgeUrl();
    }

    RunningArchitecture running() {
        return running;
    }

    TestLab lab() {
        return lab;
    }

    /** The receiver every process of the shop sends its spans to. */
    TraceReceiver traces() {
        return lab.traces();
    }

    String bootstrapServers() {
        return lab.kafka().bootstrapServers();
    }

    Providers providers() {
        return new Providers(lab.simulators().adminUrl(), lab.controlToken());
    }

    /** A connection to one of the services' databases (the caller closes it). */
    Connection database(String name) {
        try {
            return lab.postgres().connect(name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + name, e);
        }
    }

    /** Seeds the standard catalogue with some skus' stock replaced; answers once the edge shows it (204). */
    void seed(Map<String, Integer> stockBySku) {
        CatalogueSeed seed = CatalogueSeed.standard().withStock(stockBySku);
        String items = stockBySku.keySet().stream().sorted().map(seed::item)
                .map(i -> "{\"sku\":\"" + i.sku() + "\",\"priceCents\":" + i.priceCents() + ",\"available\":"
                        + i.available() + "}")
                .collect(Collectors.joining(","));
        put("{\"items\":[" + items + "]}");
    }

    private void seed(CatalogueSeed seed) {
        put(seed.toJson());
    }

    private void put(String body) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(running.catalogueAdminUrl()
                                    + "/admin/catalogue")).timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + lab.controlToken())
                            .PUT(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("seeding answers 204 once the edge shows the seed: %s", answer.body())
                    .isEqualTo(204);
        } catch (IOException e) {
            throw new IllegalStateException("cannot seed the catalogue", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

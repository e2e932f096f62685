package dev.shoplab.distributed.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shoplab.conformance.ShopUnderTest;
import dev.shoplab.distributed.lab.DistributedMonolith;
import dev.shoplab.lab.InfraStack;
import dev.shoplab.lab.AdminApi;
import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.LabRun;
import dev.shoplab.lab.TracesEndpoint;
import dev.shoplab.lab.architecture.RunningArchitecture;
import dev.shoplab.lab.infra.FreePorts;
import dev.shoplab.lab.seed.CatalogueAdmin;
import dev.shoplab.lab.seed.CatalogueSeed;
import dev.shoplab.testing.TestLab;
import dev.shoplab.traces.TraceReceiver;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The distributed monolith of this test JVM, started once through the lab's launcher
 * ({@link DistributedMonolith}: the mesh, then the four services) on the test lab's PostgreSQL and
 * simulators, with the standard catalogue seeded; every system test class uses it, and a JVM shutdown
 * hook stops it. Tracing is on: every process (the simulators too, when this is the first to start them) sends its
 * spans to the test JVM's receiver ({@link TestLab#traces()}), so every system test also runs with tracing on.
 * Also the tests' handles on what is around it: the providers' faults and ledgers, the mesh's policies and metrics,
 * the traces.
 */
final class DistributedShop {

    /** Every destination host of the mesh. */
    static final List<String> MESH_HOSTS = List.of("inventory-service", "payment-service", "notification-service",
            DistributedMonolith.PSP_HOST, DistributedMonolith.MAIL_HOST);

    /** The sku warm-up orders buy (ample stock, used by no test). */
    private static final String WARM_UP_SKU = "SKU-0999";
    private static final int WARM_UP_ORDERS = 12;

    private static DistributedShop instance;

    private final TestLab lab;
    private final RunningArchitecture running;

    private DistributedShop(TestLab lab, RunningArchitecture running) {
        this.lab = lab;
        this.running = running;
    }

    static synchronized DistributedShop get() {
        if (instance == null) {
            TestLab lab = TestLab.get();
            TraceReceiver traces = lab.traces();
            InfraStack stack = new InfraStack(new TestLabInfrastructure(lab), lab.simulators());
            LabRun run = LabRun.open(LabHome.locate(), "dm-system-tests");
            run.sendTracesTo(TracesEndpoint.of(traces.endpoint()));
            Runtime.getRuntime().addShutdownHook(new Thread(run::close, "dm-system-tests-stop"));
            RunningArchitecture running;
            try {
                running = start(run, stack);
            } catch (IllegalStateException notReadyInTime) {
                // Five JVMs starting at once on a two-core machine that other builds keep busy can miss the
                // launcher's readiness bound; what started was stopped: one more try, then the failure stands.
                System.err.println("distributed monolith: first start failed, trying once more: "
                        + notReadyInTime.getMessage());
                running = start(run, stack);
            }
            CatalogueAdmin.apply(new AdminApi(running.catalogueAdminUrl(), run.controlToken()), CatalogueSeed.standard());
            instance = new DistributedShop(lab, running);
            instance.warmUp();
        }
        return instance;
    }

    private static RunningArchitecture start(LabRun run, InfraStack stack) {
        return run.own(new DistributedMonolith().start(run, stack, FreePorts.pick()));
    }

    /**
     * A few rounds of concurrent orders through the whole chain before the first test, as a bench warms up:
     * on a busy two-core machine, the first calls into cold JVMs can take longer than the mesh's 5 s per
     * try. Then a fresh mesh, so that the tests start without any ejection the warm-up may have caused.
     */
    private void warmUp() {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Http.Answer>> orders = new ArrayList<>();
            for (int i = 0; i < WARM_UP_ORDERS; i++) {
                orders.add(threads.submit(() -> place("tok_ok", WARM_UP_SKU, 1)));
            }
            for (Future<Http.Answer> order : orders) {
                order.get(120, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("warming up the distributed monolith failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            threads.shutdownNow();
        }
        heal();
    }

    /** The shop as the conformance suite sees it: synchronous, seeded at inventory-service. */
    ShopUnderTest asShopUnderTest() {
        return ShopUnderTest.of(running.edgeUrl(), false, running.catalogueAdminUrl(), lab.controlToken());
    }

    RunningArchitecture running() {
        return running;
    }

    /** The receiver every process of the shop sends its spans to. */
    TraceReceiver traces() {
        return lab.traces();
    }

    // ---- the shop ----

    /** Sets the stock of some skus (standard prices), as the lab seeds them. */
    void seed(Map<String, Integer> stockBySku) {
        CatalogueSeed seed = CatalogueSeed.standard().withStock(stockBySku);
        String items = stockBySku.keySet().stream().sorted().map(seed::item)
                .map(i -> "{\"sku\":\"" + i.sku() + "\",\"priceCents\":" + i.priceCents() + ",\"available\":"
                        + i.available() + "}")
                .collect(Collectors.joining(","));
        Http.Answer answer = Http.admin(lab.controlToken(), "PUT", running.catalogueAdminUrl() + "/admin/catalogue", "application/json",
                "{\"items\":[" + items + "]}");
        assertThat(answer.status()).as("seeding %s: %s", stockBySku, answer.body()).isEqualTo(204);
    }

    /** {@code POST /api/orders} at the edge; {@code lines} alternate sku and quantity. */
    Http.Answer place(String paymentToken, Object... lines) {
        return placeWithKey(null, paymentToken, lines);
    }

    /** {@code POST /api/orders} at the edge with an Idempotency-Key (null: none). */
    Http.Answer placeWithKey(String idempotencyKey, String paymentToken, Object... lines) {
        ObjectNode body = Http.JSON.createObjectNode();
        body.put("customerId", "c-" + UUID.randomUUID().toString().substring(0, 8));
        ArrayNode array = body.putArray("lines");
        for (int i = 0; i < lines.length; i += 2) {
            array.addObject().put("sku", (String) lines[i]).put("quantity", (Integer) lines[i + 1]);
        }
        body.put("paymentToken", paymentToken);
        return Http.post(running.edgeUrl() + "/api/orders", "application/json", body.toString(),
                idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey));
    }

    /** Places an order that must be answered 201, and returns it. */
    JsonNode placeConcluded(String paymentToken, Object... lines) {
        Http.Answer answer = place(paymentToken, lines);
        assertThat(answer.status()).as("POST /api/orders: %s", answer.body()).isEqualTo(201);
        return answer.json();
    }

    /** {@code GET /api/inventory/{sku}} at inventory-service itself (not through the mesh). */
    JsonNode stock(String sku) {
        Http.Answer answer = Http.get(running.catalogueAdminUrl() + "/api/inventory/" + sku);
        assertThat(answer.status()).as("stock of %s: %s", sku, answer.body()).isEqualTo(200);
        return answer.json();
    }

    /** Every payment payment-service made for an order (one per charge request that reached it). */
    List<JsonNode> payments(String orderId) {
        return list(Http.get(running.serviceUrl("payment-service") + "/api/payments?orderId=" + orderId).json());
    }

    /** A connection to one of the services' databases (the caller closes it). */
    Connection database(String name) {
        try {
            return lab.postgres().connect(name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + name, e);
        }
    }

    // ---- the providers (simulators) ----

    /** Sets the PSP's faults, e.g. {@code {"errorRate": 1.0}}. */
    void pspFaults(String json) {
        assertThat(simulators("PUT", "/admin/faults/psp", json).status())
                .isEqualTo(200);
    }

    /** Charge requests that reached the PSP since the simulators started (faulted ones included). */
    long pspChargeRequests() {
        return simulators("GET", "/admin/stats", null).json().path("psp").path("chargeRequests").asLong();
    }

    /** The PSP's charges of an order (matched by reference = order id). */
    List<JsonNode> pspCharges(String orderId) {
        return list(simulators("GET", "/admin/psp/ledger", null).json().path("charges")).stream()
                .filter(c -> orderId.equals(c.path("reference").asText())).toList();
    }

    /** The mails the mail provider kept for an order. */
    List<JsonNode> mails(String orderId) {
        return list(simulators("GET", "/admin/mail/ledger", null).json().path("messages")).stream()
                .filter(m -> orderId.equals(m.path("orderId").asText())).toList();
    }

    // ---- the mesh ----

    /** Overrides a destination's Istio policy (VirtualService and/or DestinationRule YAML) until {@link #heal()}. */
    void meshPolicy(String host, String yaml) {
        Http.Answer answer = mesh("PUT", host, yaml);
        assertThat(answer.status()).as("PUT policy of %s: %s", host, answer.body()).isEqualTo(200);
    }

    /** The Prometheus text of a process of the architecture ({@code mesh}, {@code order-service} …). */
    String metrics(String role) {
        return Http.get(running.metricsUrls().get(role)).body();
    }

    /** {@code shoplab_compensations_total} of order-service for one kind and outcome. */
    double compensations(String kind, String outcome) {
        return Prometheus.sum(metrics("order-service"), "shoplab_compensations_total", "kind", kind, "outcome", outcome);
    }

    /**
     * Back to the shipped state: no provider faults, no policy overrides, and a mesh process started afresh
     * (Envoy's outlier state lives in the proxy: a fresh proxy has no ejected endpoint).
     */
    void heal() {
        assertThat(simulators("DELETE", "/admin/faults/psp", null).status()).isEqualTo(200);
        assertThat(simulators("DELETE", "/admin/faults/mail", null).status()).isEqualTo(200);
        for (String host : MESH_HOSTS) {
            int status = mesh("DELETE", host, null).status();
            assertThat(status).as("DELETE policy override of %s", host).isIn(204, 404);
        }
        running.restart(DistributedMonolith.MESH);
    }

    /** A call to the simulators' admin API with the control token; {@code json} may be null. */
    private Http.Answer simulators(String method, String path, String json) {
        return Http.admin(lab.controlToken(), method, lab.simulators().adminUrl() + path,
                json == null ? null : "application/json", json);
    }

    /** A call to the mesh's policy of {@code host} with the control token; {@code yaml} may be null. */
    private Http.Answer mesh(String method, String host, String yaml) {
        return Http.admin(lab.controlToken(), method, running.meshAdminUrl().orElseThrow() + "/admin/policies/" + host,
                yaml == null ? null : "application/yaml", yaml);
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }
}

package dev.shoplab.testing;

import dev.shoplab.lab.TracesEndpoint;
import dev.shoplab.lab.infra.PostgresEndpoint;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Quarkus test resource that hands real servers to a {@code @QuarkusTest}: a PostgreSQL database,
 * optionally a Kafka broker and the provider simulators. The servers are started once per test JVM
 * ({@link TestLab}) however many test classes use them. Init args:
 * <ul>
 *   <li>{@code database} — name of the database to create and bind to the default datasource;</li>
 *   <li>{@code kafka=true} — also start Kafka and set {@code kafka.bootstrap.servers};</li>
 *   <li>{@code simulators=true} — also start the PSP and mail simulators and set
 *       {@code shoplab.psp.url}, {@code shoplab.mail.url} and {@code shoplab.simulators.admin-url};</li>
 *   <li>{@code traces=true} — switch the application's tracing on, sending to the JVM's trace receiver
 *       ({@link TestLab#traces()}), where the test reads the spans.</li>
 * </ul>
 * The servers' and the application's admin endpoints ask for the test JVM's control token
 * ({@code shoplab.control-token}, {@link #adminAuthorization()}).
 */
public class RealInfrastructure implements QuarkusTestResourceLifecycleManager {

    /** The property that holds the control token, for the application under test and for a test's admin calls. */
    public static final String CONTROL_TOKEN = "shoplab.control-token";

    /**
     * The {@code Authorization} value of an admin call in a {@code @QuarkusTest} that uses these servers: the
     * control token they and the application under test were given.
     */
    public static String adminAuthorization() {
        return "Bearer " + ConfigProvider.getConfig().getValue(CONTROL_TOKEN, String.class);
    }

    private Map<String, String> args = Map.of();

    @Override
    public void init(Map<String, String> initArgs) {
        this.args = Map.copyOf(initArgs);
    }

    @Override
    public Map<String, String> start() {
        TestLab lab = TestLab.get();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.devservices.enabled", "false");
        config.put(CONTROL_TOKEN, lab.controlToken());
        String database = args.get("database");
        if (database != null) {
            PostgresEndpoint postgres = lab.postgres();
            postgres.createDatabase(database);
            config.putAll(postgres.quarkusDatasource(database));
        }
        if (Boolean.parseBoolean(args.get("kafka"))) {
            config.put("kafka.bootstrap.servers", lab.kafka().bootstrapServers());
        }
        if (Boolean.parseBoolean(args.get("traces"))) {
            config.putAll(TracesEndpoint.of(lab.traces().endpoint()).quarkusConfig());
        }
        if (Boolean.parseBoolean(args.get("simulators"))) {
            config.put("shoplab.psp.url", lab.simulators().pspUrl());
            config.put("shoplab.mail.url", lab.simulators().mailUrl());
            config.put("shoplab.simulators.admin-url", lab.simulators().adminUrl());
        }
        return config;
    }

    @Override
    public void stop() {
        // The servers belong to the test JVM, not to one test class: TestLab stops them at exit.
    }
}

package dev.shoplab.simulators;

import dev.shoplab.simulators.mail.MailApi;
import dev.shoplab.simulators.provider.ProviderServer;
import dev.shoplab.simulators.psp.PspApi;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.value.registry.ValueRegistry;
import io.quarkus.vertx.http.HttpServer;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/** Owns the two simulated providers: opens their ports at startup, closes them at shutdown, resets them on demand. */
@Singleton
public class Simulators {

    private static final Logger LOG = Logger.getLogger(Simulators.class);
    private static final long PORT_CHANGE_TIMEOUT_SECONDS = 30;

    private final ProviderServer psp;
    private final ProviderServer mail;
    private final ValueRegistry values;

    Simulators(Vertx vertx, SimulatorsConfig config, MeterRegistry registry, ValueRegistry values) {
        this.values = values;
        this.psp = new ProviderServer(vertx, new PspApi(), config.providerHost(), config.pspPort(),
                config.hangLimit(), registry);
        this.mail = new ProviderServer(vertx, new MailApi(), config.providerHost(), config.mailPort(),
                config.hangLimit(), registry);
    }

    void start(@Observes StartupEvent event) {
        for (ProviderServer provider : all()) {
            await(provider.start(), provider.api().name() + " simulator could not listen on " + provider.url());
        }
    }

    void announce(@ObservesAsync HttpServerStart event) {
        int adminPort = values.get(HttpServer.HTTP_SERVER).getPort();
        LOG.infof("shoplab simulators ready: psp=%s mail=%s admin=http://%s:%d",
                psp.url(), mail.url(), event.options().getHost(), adminPort);
    }

    void stop(@Observes ShutdownEvent event) {
        for (ProviderServer provider : all()) {
            await(provider.stop(), provider.api().name() + " simulator did not close " + provider.url());
        }
    }

    public ProviderServer psp() {
        return psp;
    }

    public ProviderServer mail() {
        return mail;
    }

    public List<ProviderServer> all() {
        return List.of(psp, mail);
    }

    /** The provider with that name ({@code psp} or {@code mail}). */
    public Optional<ProviderServer> provider(String name) {
        return all().stream().filter(p -> p.api().name().equals(name)).findFirst();
    }

    /** Clears every ledger and count and lifts every fault. */
    public Future<Void> reset() {
        return Future.all(psp.reset(), mail.reset()).mapEmpty();
    }

    private static void await(Future<?> future, String failure) {
        try {
            future.toCompletionStage().toCompletableFuture().get(PORT_CHANGE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(failure + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(failure + ": no answer within " + PORT_CHANGE_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(failure + ": interrupted", e);
        }
    }
}

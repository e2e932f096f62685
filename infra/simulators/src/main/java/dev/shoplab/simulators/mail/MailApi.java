package dev.shoplab.simulators.mail;

import dev.shoplab.simulators.http.Answer;
import dev.shoplab.simulators.http.JsonRequest;
import dev.shoplab.simulators.provider.Ledger;
import dev.shoplab.simulators.provider.ProviderApi;
import dev.shoplab.simulators.provider.ProviderServer;
import dev.shoplab.simulators.provider.ProviderStats;
import dev.shoplab.simulators.provider.Recorded;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The mail sink: {@code POST /mail/messages} records a notification; a repeated message id
 * (body field or {@code Idempotency-Key} header) returns the first answer and records nothing.
 */
public final class MailApi implements ProviderApi {

    static final String ACCEPTED = "accepted";
    static final String DUPLICATES_SUPPRESSED = "duplicatesSuppressed";

    private final MailLedger ledger = new MailLedger();

    @Override
    public String name() {
        return "mail";
    }

    @Override
    public List<String> events() {
        return List.of(ACCEPTED, DUPLICATES_SUPPRESSED);
    }

    @Override
    public void routes(ProviderServer server, Router router) {
        ProviderStats stats = server.stats();
        server.endpoint(router.post("/mail/messages"), null, ctx -> send(ctx, stats));
    }

    @Override
    public Ledger ledger() {
        return ledger;
    }

    private Answer send(RoutingContext ctx, ProviderStats stats) {
        JsonRequest request = JsonRequest.of(ctx);
        String messageId = request.idempotencyKey("messageId");
        String orderId = request.text("orderId");
        String to = request.text("to");
        String kind = request.text("kind");
        Recorded<Message> recorded = ledger.accept(messageId, orderId, to, kind);
        if (recorded.replayed()) {
            stats.increment(DUPLICATES_SUPPRESSED);
            return Answer.of(202, recorded.value()).replay();
        }
        stats.increment(ACCEPTED);
        return Answer.of(202, recorded.value());
    }
}

package dev.shoplab.loadtests.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoplab.lab.AdminApi;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the external providers recorded, read from the simulators' admin API: every charge (with what
 * was refunded of it) and every mail message. The audit compares them with the architectures' databases.
 */
public record ProviderLedgers(List<Charge> charges, List<MailMessage> messages) {

    /** A charge at the PSP; {@code reference} is the order id the architecture sent with it. */
    public record Charge(String chargeId, String idempotencyKey, String reference, long amountCents, String status,
                         long refundedCents) {

        public boolean captured() {
            return "captured".equals(status);
        }

        /** The order this charge was for: its reference, else an idempotency key that starts with the order id. */
        public String orderId() {
            if (reference != null && !reference.isBlank()) {
                return reference;
            }
            return idempotencyKey;
        }
    }

    /** A message accepted by the mail sink. */
    public record MailMessage(String messageId, String orderId, String kind) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads both ledgers from the simulators' admin API. */
    public static ProviderLedgers read(AdminApi simulators) {
        JsonNode psp = get(simulators, "/admin/psp/ledger");
        JsonNode mail = get(simulators, "/admin/mail/ledger");
        List<Charge> charges = new ArrayList<>();
        for (JsonNode c : psp.path("charges")) {
            charges.add(new Charge(c.path("chargeId").asText(), textOrNull(c, "idempotencyKey"),
                    textOrNull(c, "reference"), c.path("amountCents").asLong(), c.path("status").asText(),
                    c.path("refundedCents").asLong()));
        }
        List<MailMessage> messages = new ArrayList<>();
        for (JsonNode m : mail.path("messages")) {
            messages.add(new MailMessage(m.path("messageId").asText(), m.path("orderId").asText(),
                    m.path("kind").asText()));
        }
        return new ProviderLedgers(charges, messages);
    }

    /** How many distinct orders the mail sink holds a message for (the drain waits for them). */
    public static long mailedOrders(AdminApi simulators) {
        Set<String> orders = new HashSet<>();
        for (JsonNode m : get(simulators, "/admin/mail/ledger").path("messages")) {
            orders.add(m.path("orderId").asText());
        }
        return orders.size();
    }

    /** Reads a JSON document from the simulators' admin API. */
    static JsonNode get(AdminApi simulators, String path) {
        try {
            return JSON.readTree(simulators.get(path));
        } catch (IOException e) {
            throw new IllegalStateException("GET " + simulators.baseUrl() + path + " did not answer JSON: " + e.getMessage(), e);
        }
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}

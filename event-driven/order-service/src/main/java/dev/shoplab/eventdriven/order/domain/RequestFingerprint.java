package dev.shoplab.eventdriven.order.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes two requests "the same" for an Idempotency-Key: customer, lines in order and token, hashed.
 * The same key with the same fingerprint returns the first order; with another fingerprint it is a 409.
 */
public final class RequestFingerprint {

    private RequestFingerprint() {
    }

    /** SHA-256 (hex) of the request's canonical form. */
    public static String of(PlaceOrder request) {
        StringBuilder canonical = new StringBuilder().append(request.customerId()).append('\n');
        for (PlaceOrder.Line line : request.lines()) {
            canonical.append(line.sku()).append('\t').append(line.quantity()).append('\n');
        }
        canonical.append(request.paymentToken());
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

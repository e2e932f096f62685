package dev.shoplab.distributed.order.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An Idempotency-Key stands for one request: the same key with the same request gets the first order
 * back, the same key with another request is a conflict. "The same request" is the same customer, lines
 * in order and payment token, however the JSON was spaced: the order keeps a SHA-256 of that.
 */
public final class SameKeyMeansSameRequest {

    private SameKeyMeansSameRequest() {
    }

    public static String fingerprint(PlaceOrder request) {
        StringBuilder canonical = new StringBuilder(64 + request.lines().size() * 16);
        append(canonical, request.customerId());
        append(canonical, request.paymentToken());
        for (PlaceOrder.Line line : request.lines()) {
            append(canonical, line.sku());
            append(canonical, Integer.toString(line.quantity()));
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Length-prefixed, so that no two different requests read the same ("ab" + "c" is not "a" + "bc"). */
    private static void append(StringBuilder canonical, String value) {
        canonical.append(value.length()).append(':').append(value).append(';');
    }
}

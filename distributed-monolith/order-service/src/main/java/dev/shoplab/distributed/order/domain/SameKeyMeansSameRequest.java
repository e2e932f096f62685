package dev.shoplab.distributed.order.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An idempotency key stands for one request: a repeat with the same key and the same request gets
 * the first order back, the same key with another request is a conflict. "The same request" means
 * the same customer, lines (in order) and payment token, however the JSON was spaced; the order
 * keeps a fingerprint of it (a SHA-256), not the request itself.
 */
public final class SameKeyMeansSameRequest {

    private SameKeyMeansSameRequest() {
    }

    public static String fingerprint(PlaceOrder request) {
        StringBuilder canonical = new StringBuilder(64 + request.lines().size() * 16);
        field(canonical, request.customerId());
        field(canonical, request.paymentToken());
        for (PlaceOrder.Line line : request.lines()) {
            field(canonical, line.sku());
            field(canonical, Integer.toString(line.quantity()));
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static boolean sameRequest(String firstFingerprint, PlaceOrder repeat) {
        return firstFingerprint.equals(fingerprint(repeat));
    }

    /** Length-prefixed, so that no two different requests read the same ("ab"+"c" is not "a"+"bc"). */
    private static void field(StringBuilder canonical, String value) {
        canonical.append(value.length()).append(':').append(value).append(';');
    }
}

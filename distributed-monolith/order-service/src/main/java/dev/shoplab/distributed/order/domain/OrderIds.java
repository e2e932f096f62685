package dev.shoplab.distributed.order.domain;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * Order ids are time-ordered UUIDs (version 7: milliseconds first, then random bits): new orders
 * land at the end of the primary-key index instead of all over it, and ids stay unguessable.
 */
public final class OrderIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private OrderIds() {
    }

    public static UUID next(Instant now) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long millis = now.toEpochMilli();
        long high = (millis << 16) | 0x7000L | ((random[0] & 0x0FL) << 8) | (random[1] & 0xFFL);
        long low = 0x8000_0000_0000_0000L | (random[2] & 0x3FL) << 56;
        for (int i = 3; i < 10; i++) {
            low |= (random[i] & 0xFFL) << (8 * (9 - i));
        }
        return new UUID(high, low);
    }
}

package dev.shoplab.monolith.app.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The monolith with the scheduled rounds of the order recovery and of the late-capture check an hour apart, so that
 * the round a test starts by hand is the only one that runs while it looks.
 */
public final class RoundsByHand implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("shoplab.orders.recover-every", "1h", "shoplab.psp.late-capture-check-every", "1h");
    }
}

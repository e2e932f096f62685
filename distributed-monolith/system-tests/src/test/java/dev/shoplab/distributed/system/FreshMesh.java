package dev.shoplab.distributed.system;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts every test class on the shipped state ({@link DistributedShop#heal()}: no faults, no policy
 * overrides, a fresh mesh process), so that an endpoint ejected by one class never fails the next.
 */
final class FreshMesh implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        DistributedShop.get().heal();
    }
}

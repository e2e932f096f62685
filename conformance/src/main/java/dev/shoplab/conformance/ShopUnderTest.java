package dev.shoplab.conformance;

/**
 * The shop a conformance test talks to, over HTTP only: where its public API is, whether it answers
 * orders synchronously, where its catalogue is seeded, and with which control token.
 */
public interface ShopUnderTest {

    /** The public API, for example {@code http://127.0.0.1:8080} (no trailing slash). */
    String baseUrl();

    /**
     * False when {@code POST /api/orders} answers 201 with the concluded order (monolith, distributed
     * monolith); true when it answers 202 with a PENDING order to be polled (event-driven).
     */
    boolean asynchronous();

    /** Base URL of the service that owns the catalogue, where {@code PUT /admin/catalogue} seeds it. */
    String catalogueAdminUrl();

    /** The control token its admin endpoints ask for, sent as {@code Authorization: Bearer <token>}. */
    String controlToken();

    /** A shop under test from its four facts. */
    static ShopUnderTest of(String baseUrl, boolean asynchronous, String catalogueAdminUrl, String controlToken) {
        return new ShopUnderTest() {
            @Override
            public String baseUrl() {
                return baseUrl;
            }

            @Override
            public boolean asynchronous() {
                return asynchronous;
            }

            @Override
            public String catalogueAdminUrl() {
                return catalogueAdminUrl;
            }

            @Override
            public String controlToken() {
                return controlToken;
            }

            @Override
            public String toString() {
                return baseUrl + (asynchronous ? " (asynchronous)" : " (synchronous)");
            }
        };
    }
}

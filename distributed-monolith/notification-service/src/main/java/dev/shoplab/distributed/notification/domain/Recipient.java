package dev.shoplab.distributed.notification.domain;

/**
 * Where a customer's messages go. The shop knows its customers by id only, so the address is made
 * from it, in a domain that never delivers real mail.
 */
public final class Recipient {

    static final String DOMAIN = "customers.shoplab.invalid";

    private Recipient() {
    }

    public static String addressOf(String customerId) {
        String local = customerId.toLowerCase().replaceAll("[^a-z0-9._-]", "-");
        return (local.isEmpty() ? "customer" : local) + "@" + DOMAIN;
    }
}

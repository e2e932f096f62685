package dev.shoplab.distributed.notification.domain;

/**
 * The address of a customer: the shop knows customers by id only, so the mailbox is made from the id,
 * at a domain that can never receive real mail.
 */
public final class MailboxOf {

    static final String DOMAIN = "customers.shoplab.invalid";

    private MailboxOf() {
    }

    public static String customer(String customerId) {
        String local = customerId.toLowerCase().replaceAll("[^a-z0-9._-]", "-");
        return (local.isEmpty() ? "customer" : local) + "@" + DOMAIN;
    }
}

package dev.shoplab.eventdriven.notification.domain;

/**
 * Where a customer's messages go. The shop knows its customers by id only, so the address is made
 * from it, in a domain that never delivers real mail.
 */
public final class Recipient {

    static final String DOMAIN = "customers.shoplab.invalid";

    private Recipient() {
    }

    /**
     * The address of the customer {@code customerId}: the id with ASCII letters lowercased, every character but
     * {@code a-z 0-9 . _ -} (each code point, whatever the machine's locale) replaced by {@code -}, at this
     * {@link #DOMAIN}. One character per code point, so an id of at most 100 characters (the API's limit) gives a
     * local part of at most 100: {@code String.toLowerCase} would make two of some ({@code İ}, U+0130, becomes
     * {@code i} and a combining dot) and, in a Turkish locale, turn {@code I} into a dotless {@code ı}.
     */
    public static String addressOf(String customerId) {
        StringBuilder local = new StringBuilder(customerId.length());
        customerId.codePoints().forEach(c -> local.append(
                c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-')
                        ? (char) Character.toLowerCase(c) : '-'));
        return (local.isEmpty() ? "customer" : local) + "@" + DOMAIN;
    }
}

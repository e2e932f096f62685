package dev.shoplab.loadtests.audit;

/**
 * One thing the audit found that must never happen.
 *
 * @param kind    which of the seven counts it adds to
 * @param subject what it is about: an order id, or a sku for stock; with the kind, it names the violation, so the
 *                live audit can tell one that lasts from one that passes
 * @param text    one line for people, with the figures
 */
public record Violation(Kind kind, String subject, String text) {

    /** The seven counts, in the order reports show them. */
    public enum Kind {
        LOST("lost"), STUCK("stuck"), STOCK("stock"), MONEY("money"), DOUBLE_CHARGE("double charge"),
        MISSING_NOTIFICATION("notification"), DUPLICATE_NOTIFICATION("duplicate notification");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The word examples start with, as reports have always shown them: {@code stock: SKU-0001 …}. */
        public String label() {
            return label;
        }
    }
}

package dev.shoplab.loadtests.audit;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The seven counts of the audit (docs/DESIGN.md, "Measuring"), plus a few examples of each violation so a
 * reader can look them up. Zero everywhere is the goal.
 */
public record AuditFindings(int lostOrders, int stuckOrders, int oversoldSkus, int moneyMismatches,
                            int doubleCharges, int missingNotifications, int duplicateNotifications,
                            List<String> examples) {

    /** Examples kept per kind of violation. */
    static final int EXAMPLES_PER_KIND = 3;

    /** The counts of {@code violations}, with the first {@value #EXAMPLES_PER_KIND} of each kind as examples. */
    public static AuditFindings of(List<Violation> violations) {
        Map<Violation.Kind, Integer> counts = new EnumMap<>(Violation.Kind.class);
        List<String> examples = new ArrayList<>();
        for (Violation v : violations) {
            int n = counts.merge(v.kind(), 1, Integer::sum);
            if (n <= EXAMPLES_PER_KIND) {
                examples.add(v.kind().label() + ": " + v.text());
            }
        }
        return new AuditFindings(counts.getOrDefault(Violation.Kind.LOST, 0),
                counts.getOrDefault(Violation.Kind.STUCK, 0), counts.getOrDefault(Violation.Kind.STOCK, 0),
                counts.getOrDefault(Violation.Kind.MONEY, 0), counts.getOrDefault(Violation.Kind.DOUBLE_CHARGE, 0),
                counts.getOrDefault(Violation.Kind.MISSING_NOTIFICATION, 0),
                counts.getOrDefault(Violation.Kind.DUPLICATE_NOTIFICATION, 0), examples);
    }

    /** True when every count is zero. */
    public boolean clean() {
        return total() == 0;
    }

    /** The sum of the seven counts. */
    public int total() {
        return lostOrders + stuckOrders + oversoldSkus + moneyMismatches + doubleCharges + missingNotifications
                + duplicateNotifications;
    }
}

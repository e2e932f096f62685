package dev.shoplab.loadtests.audit;

import java.util.List;

/**
 * The seven counts of the audit (docs/DESIGN.md, "Measuring"), plus a few examples of each violation so a
 * reader can look them up. Zero everywhere is the goal.
 */
public record AuditFindings(int lostOrders, int stuckOrders, int oversoldSkus, int moneyMismatches,
                            int doubleCharges, int missingNotifications, int duplicateNotifications,
                            List<String> examples) {

    /** True when every count is zero. */
    public boolean clean() {
        return lostOrders + stuckOrders + oversoldSkus + moneyMismatches + doubleCharges + missingNotifications
                + duplicateNotifications == 0;
    }
}

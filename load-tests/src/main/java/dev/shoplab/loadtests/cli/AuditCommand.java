package dev.shoplab.loadtests.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplab.lab.cli.ClockTime;
import dev.shoplab.lab.cli.CommandContribution;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code shoplab audit}: the bench's seven-count audit, on the running system. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Print the bench's audit of what './shoplab up' or './shoplab demo' runs: lost and stuck orders,"
                + " stock that does not add up, money kept for orders that did not go through, double charges,"
                + " mails missing or sent twice. Zero is the goal.",
                "The system is still moving, so a finding counts once it has lasted 10 s (an order in progress: 60 s)."})
public final class AuditCommand extends ReadVerb {

    /** The seven counts as the audit names them, in the report's order. */
    static final Map<String, String> COUNTS = counts();

    @Override
    String path() {
        return "/api/lab/audit";
    }

    @Override
    void print(JsonNode audit, PrintWriter out) {
        if (!audit.has("at")) {
            out.println("No audit yet: the first one runs a few seconds after the lab is up; try again.");
            return;
        }
        out.println("audited at " + ClockTime.of(Instant.ofEpochMilli(audit.path("at").asLong())));
        forEachArchitecture(audit, (name, a) -> {
            out.println(name + ":");
            COUNTS.forEach((field, label) -> out.printf("  %-40s %d%n", label, a.path(field).asInt()));
            a.path("examples").forEach(e -> out.println("    e.g. " + e.asText()));
        });
        long unattributed = audit.path("unattributedCents").asLong();
        if (unattributed != 0) {
            out.println(unattributed + " cents captured for orders no architecture holds (the shared PSP cannot say whose)");
        }
    }

    private static Map<String, String> counts() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("lostOrders", "lost orders (acknowledged, not stored)");
        c.put("stuckOrders", "stuck orders (in progress for 60 s+)");
        c.put("oversoldSkus", "skus whose stock does not add up");
        c.put("moneyMismatches", "money kept for failed orders / missing");
        c.put("doubleCharges", "double charges");
        c.put("missingNotifications", "mails missing");
        c.put("duplicateNotifications", "mails sent twice");
        return c;
    }

    /** Registers {@code audit} with {@code ./shoplab}. */
    public static final class Contribution implements CommandContribution {
        @Override
        public Object command() {
            return new AuditCommand();
        }
    }
}

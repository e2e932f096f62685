package dev.shoplab.monolith.app.architecture;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Writes the module diagram (mermaid) and its table from what {@link ModuleBoundariesTest} found in the code. */
final class ModuleDiagram {

    private static final Map<String, String> ROLES = Map.of(
            "app", "the application: wires the contexts into one process, migrates their schemas, configuration",
            "order", "the public API of orders; places them: reserve → charge → confirm → notify; recovers orders left PENDING",
            "inventory", "prices and stock per sku (its REST face and the catalogue seed); reservations that join the caller's transaction",
            "payment", "charges at the PSP (order id as idempotency key), the charge record, late-capture refunds",
            "notification", "the outbox of customer messages and its at-least-once delivery to the mail provider");

    private ModuleDiagram() {
    }

    static String markdown(Map<String, Set<String>> edges, Map<String, String> schemas, Map<String, Set<String>> tables,
                           Map<String, List<String>> apiTypes) {
        StringBuilder md = new StringBuilder();
        md.append("# Monolith modules\n\n")
                .append("<!-- Written by ModuleBoundariesTest (monolith/app) from the compiled classes and the migrations;"
                        + " do not edit by hand: run the test. -->\n\n")
                .append("One process, one PostgreSQL database, one schema per bounded context. An arrow is a compile-time"
                        + " dependency found in the code; every arrow between contexts ends at the target's `api` package"
                        + " (ArchUnit checks it), and no context names another's tables.\n\n")
                .append("```mermaid\nflowchart LR\n");
        for (String module : edges.keySet()) {
            String schema = schemas.get(module);
            md.append("    ").append(module).append("[\"").append(module);
            if (schema != null) {
                md.append("<br/><small>schema ").append(schema).append("</small>");
            }
            md.append("\"]\n");
        }
        edges.forEach((from, targets) -> targets.forEach(to ->
                md.append("    ").append(from).append(" --> ").append(to).append('\n')));
        md.append("```\n\n")
                .append("| module | role | public api (`dev.shoplab.monolith.<module>.api`) | tables |\n")
                .append("|---|---|---|---|\n");
        for (String module : edges.keySet()) {
            String schema = schemas.get(module);
            md.append("| ").append(module).append(" | ").append(ROLES.getOrDefault(module, "")).append(" | ")
                    .append(String.join(", ", apiTypes.getOrDefault(module, List.of()))).append(" | ")
                    .append(schema == null ? "" : String.join(", ", tables.get(schema).stream()
                            .map(t -> schema + "." + t).toList()))
                    .append(" |\n");
        }
        return md.toString();
    }
}

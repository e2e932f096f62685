package dev.shoplab.eventdriven.system;

import dev.shoplab.eventdriven.lab.EventDriven;
import dev.shoplab.lab.seed.CatalogueSeed;
import dev.shoplab.testing.BenchScripts;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The bench's pgbench scripts of this architecture ({@code event-driven/bench}, its SQL ceiling, ADR 0018) run on
 * the schema the four services' migrations made, with the catalogue seeded: two clients, three runs each, every
 * run processed, nothing failed. The scripts are written from the services' statements by hand; this is what
 * tells when the code's tables moved and a script did not (a copy of each database's schema, so the running
 * services never see the scripts' rows: {@link BenchScripts}).
 */
class EventDrivenBenchScriptsTest {

    @Test
    void every_bench_script_runs_on_the_migrated_schema() {
        EventDrivenShop shop = EventDrivenShop.get();
        // the catalogue as the bench seeds it: other classes leave some skus sold out
        shop.seed(CatalogueSeed.standard().items().stream()
                .collect(Collectors.toMap(CatalogueSeed.Item::sku, CatalogueSeed.Item::available)));
        BenchScripts.assertEveryScriptRuns("event-driven/bench", new EventDriven().databases(), shop.lab().postgres());
    }
}

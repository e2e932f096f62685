package dev.shoplab.eventdriven.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shoplab.eventdriven.lab.EventDriven;
import dev.shoplab.lab.LabHome;
import dev.shoplab.lab.infra.PgbenchScripts;
import dev.shoplab.lab.seed.CatalogueSeed;
import dev.shoplab.testing.BenchScripts;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
        Optional<Path> pgbench = PgbenchScripts.executable();
        assumeTrue(pgbench.isPresent(), "pgbench was not found (" + PgbenchScripts.WHERE + "): "
                + "the bench's scripts are not checked here; install PostgreSQL's client tools (.ci/run does)");
        EventDrivenShop shop = EventDrivenShop.get();
        // the catalogue as the bench seeds it: other classes leave some skus sold out
        shop.seed(CatalogueSeed.standard().items().stream()
                .collect(Collectors.toMap(CatalogueSeed.Item::sku, CatalogueSeed.Item::available)));
        List<PgbenchScripts.Script> scripts = PgbenchScripts.in(LabHome.locate().artifact("event-driven/bench"));
        assertThat(scripts).extracting(PgbenchScripts.Script::database)
                .containsExactlyInAnyOrderElementsOf(new EventDriven().databases());

        for (PgbenchScripts.Script script : scripts) {
            BenchScripts.Run run = BenchScripts.run(pgbench.get(), shop.lab().postgres(), script, 2, 3);
            assertThat(run.processed()).as("%s on %s:\n%s", script.file().getFileName(), script.database(), run.output())
                    .isEqualTo(6).isEqualTo(run.asked());
        }
    }
}

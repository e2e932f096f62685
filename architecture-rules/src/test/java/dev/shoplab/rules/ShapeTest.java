package dev.shoplab.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source-reading half of the rules, on small made-up checkouts: what they accept and what they name when they refuse. */
class ShapeTest {

    @TempDir
    Path root;

    @Test
    void accepts_domains_with_the_same_file_names() throws IOException {
        domainFile("monolith/order", "monolith", "order", "OrderStatus");
        domainFile("distributed-monolith/order-service", "distributed", "order", "OrderStatus");
        domainFile("event-driven/order-service", "eventdriven", "order", "OrderStatus");

        assertThat(Shape.unexplainedDomainDifferences(root, List.of())).isEmpty();
    }

    @Test
    void names_a_file_that_one_architecture_lacks_without_a_reason() throws IOException {
        domainFile("monolith/order", "monolith", "order", "OrderIds");
        domainFile("event-driven/order-service", "eventdriven", "order", "OrderIds");

        assertThat(Shape.unexplainedDomainDifferences(root, List.of())).singleElement().asString()
                .contains("order/domain/OrderIds.java exists only in event-driven, monolith");
    }

    @Test
    void accepts_a_difference_that_the_table_states_and_refuses_a_stale_row() throws IOException {
        domainFile("monolith/payment", "monolith", "payment", "LateCapturesAreCheckedWithBackoff");
        AllowedDifference stated = new AllowedDifference("payment", "LateCapturesAreCheckedWithBackoff",
                Set.of("monolith"), "why");
        AllowedDifference stale = new AllowedDifference("inventory", "StockLevel", Set.of("event-driven"), "why");

        assertThat(Shape.unexplainedDomainDifferences(root, List.of(stated))).isEmpty();
        assertThat(Shape.unexplainedDomainDifferences(root, List.of(stated, stale))).singleElement().asString()
                .contains("inventory/domain/StockLevel.java").contains("update the table");
    }

    @Test
    void reads_the_table_between_its_markers() {
        String adr = "text\n" + AllowedDifference.START + "\n| context | file | in | why |\n|---|---|---|---|\n"
                + "| payment | `PaymentStatus` | distributed-monolith, event-driven | it crosses a wall |\n"
                + AllowedDifference.END + "\n| order | Ignored | monolith | outside the markers |\n";

        assertThat(AllowedDifference.parse(adr, "adr.md")).containsExactly(new AllowedDifference("payment",
                "PaymentStatus", Set.of("distributed-monolith", "event-driven"), "it crosses a wall"));
    }

    @Test
    void a_row_with_an_unknown_architecture_names_it() {
        String adr = AllowedDifference.START + "\n| order | OrderIds | monolit | typo |\n" + AllowedDifference.END;

        assertThatThrownBy(() -> AllowedDifference.parse(adr, "adr.md")).hasMessageContaining("monolit");
    }

    @Test
    void the_edges_must_be_byte_identical_and_a_drift_names_the_file() throws IOException {
        for (String architecture : List.of("monolith", "distributed-monolith", "event-driven")) {
            write(architecture + "/edge/src/main/java/dev/shoplab/edge/Problem.java", "record Problem() {}");
        }
        assertThat(Shape.edgeDrift(root)).isEmpty();

        write("event-driven/edge/src/main/java/dev/shoplab/edge/Problem.java", "record Problem(int status) {}");
        write("monolith/edge/src/main/java/dev/shoplab/edge/Extra.java", "class Extra {}");

        assertThat(Shape.edgeDrift(root)).containsExactly(
                "main/java/dev/shoplab/edge/Extra.java is missing in distributed-monolith, event-driven/edge/src",
                "main/java/dev/shoplab/edge/Problem.java differs between distributed-monolith, event-driven, monolith"
                        + " (diff the three edge/src folders)");
    }

    @Test
    void the_real_adr_table_parses() {
        assertThat(AllowedDifference.fromAdr(Checkout.root())).isNotEmpty()
                .allSatisfy(row -> assertThat(row.why()).isNotBlank());
    }

    private void domainFile(String module, String segment, String context, String name) throws IOException {
        write(module + "/src/main/java/dev/shoplab/" + segment + "/" + context + "/domain/" + name + ".java",
                "final class " + name + " {}");
    }

    private void write(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}

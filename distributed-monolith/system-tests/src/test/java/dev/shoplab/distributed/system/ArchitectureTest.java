package dev.shoplab.distributed.system;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The distributed monolith's own rule, besides the shape that DistributedArchitectureRulesTest checks: the four
 * services share no classes (each has its own copy of the edge, package {@code dev.shoplab.edge}).
 */
class ArchitectureTest {

    private static final JavaClasses SERVICES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.shoplab.distributed");

    @Test
    void services_share_no_code_but_the_edge() {
        for (String service : new String[] {"order", "inventory", "payment", "notification"}) {
            noClasses().that().resideInAPackage("dev.shoplab.distributed." + service + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(otherServices(service))
                    .because("services talk over HTTP, never through each other's classes")
                    .check(SERVICES);
        }
    }

    private static String[] otherServices(String service) {
        return Stream.of("order", "inventory", "payment", "notification")
                .filter(s -> !s.equals(service)).map(s -> "dev.shoplab.distributed." + s + "..").toArray(String[]::new);
    }
}

package dev.shoplab.distributed.system;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The rules of the four services' code, checked on their compiled classes. */
class ArchitectureTest {

    private static final JavaClasses SERVICES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.shoplab.distributed");

    @Test
    void every_service_domain_imports_no_framework() {
        noClasses().that().resideInAPackage("dev.shoplab.distributed.*.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "io.quarkus..", "org.hibernate..",
                        "io.vertx..", "com.fasterxml..", "org.eclipse.microprofile..", "io.micrometer..")
                .check(SERVICES);
    }

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
        return java.util.stream.Stream.of("order", "inventory", "payment", "notification")
                .filter(s -> !s.equals(service)).map(s -> "dev.shoplab.distributed." + s + "..").toArray(String[]::new);
    }
}

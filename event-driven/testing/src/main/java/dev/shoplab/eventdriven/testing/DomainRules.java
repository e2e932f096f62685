package dev.shoplab.eventdriven.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The architecture rule every service's domain package obeys: plain Java, no framework, no plumbing. */
public final class DomainRules {

    private DomainRules() {
    }

    /** Fails if a class in {@code <servicePackage>.domain} depends on REST, JPA, Kafka, JSON or messaging types. */
    public static void assertDomainImportsNoFramework(String servicePackage) {
        noClasses().that().resideInAPackage(servicePackage + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "io.quarkus..", "io.vertx..",
                        "org.hibernate..", "org.apache.kafka..", "com.fasterxml..", "java.net.http..", "java.sql..",
                        "dev.shoplab.eventdriven.messaging..")
                .because("the domain rules are plain Java that a workshop can read and test without a framework")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages(servicePackage));
    }
}

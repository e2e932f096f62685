package dev.shoplab.rules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.shoplab.rules.Shape.Architecture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The one shape of the three architectures (docs/adr/0006-one-shape-for-three-architectures.md), as rules every
 * architecture's build runs: each architecture's tests extend this class once and say which architecture they
 * are. The class rules are checked with ArchUnit on that architecture's compiled production classes; the
 * rules that compare the three read the checkout's sources.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ArchitectureRules {

    /** Framework and plumbing packages a domain class may not use: its rules are plain Java. */
    static final String[] FRAMEWORKS = {"jakarta..", "javax..", "io.quarkus..", "org.hibernate..", "io.vertx..",
        "com.fasterxml..", "org.eclipse.microprofile..", "io.smallrye..", "org.flywaydb..", "io.micrometer..",
        "org.jboss..", "io.netty..", "org.apache.kafka..", "java.sql..", "java.net.http..", "dev.shoplab.edge..",
        "dev.shoplab.eventdriven.messaging.."};

    private JavaClasses classes;

    /** The architecture whose tests these are. */
    protected abstract Architecture architecture();

    @BeforeAll
    void importTheCompiledArchitecture() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(architecture().rootPackage());
        List<String> missing = Shape.CONTEXTS.stream()
                .filter(c -> classes.stream().noneMatch(t -> t.getPackageName().startsWith(context(c) + ".")))
                .toList();
        assertThat(missing).as("contexts of %s without classes on this test's class path", architecture().folder())
                .isEmpty();
    }

    @Test
    void domain_code_imports_no_framework() {
        noClasses().that().resideInAPackage(root() + ".*.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .because("business rules are plain Java that a workshop can read and test without a framework")
                .check(classes);
    }

    @Test
    void domain_code_uses_no_other_package_of_its_context() {
        List<String> allowed = new ArrayList<>(List.of("java..", root() + ".*.domain.."));
        if (architecture() == Architecture.MONOLITH) {
            allowed.add(root() + ".*.api.."); // the other contexts' in-process contract: records and enums
        }
        classes().that().resideInAPackage(root() + ".*.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(allowed.toArray(String[]::new))
                .because("the domain is at the centre: the use case, the rows and the web face use it, not the reverse")
                .check(classes);
    }

    @Test
    void web_is_never_imported_by_domain_persistence_or_application() {
        noClasses().that().resideInAnyPackage(root() + ".*.domain..", root() + ".*.persistence..",
                        root() + ".*.application..")
                .should().dependOnClassesThat().resideInAPackage(root() + ".*.web..")
                .because("the REST face calls the use case, never the other way round")
                .check(classes);
    }

    @Test
    void every_context_has_only_the_packages_of_the_template() {
        for (String context : Shape.CONTEXTS) {
            String[] template = Stream.concat(Shape.TEMPLATE.stream(), Stream.of(architecture().ownPackage()))
                    .map(p -> context(context) + "." + p + "..").toArray(String[]::new);
            classes().that().resideInAPackage(context(context) + "..")
                    .should().resideInAnyPackage(template)
                    .because("ADR 0006: web, application, domain, persistence, provider and "
                            + architecture().ownPackage() + ", the same in every context")
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }

    @Test
    void collaborators_are_constructor_parameters_not_injected_fields() {
        noFields().that().areDeclaredInClassesThat().resideInAPackage(root() + "..")
                .and().areDeclaredInClassesThat().resideOutsideOfPackage(root() + ".testing..")
                .should().beAnnotatedWith("jakarta.inject.Inject")
                .because("ADR 0006: one injection style, the constructor's parameters")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void domain_files_are_named_alike_in_the_three_architectures() {
        Path root = Checkout.root();
        assertThat(Shape.unexplainedDomainDifferences(root, AllowedDifference.fromAdr(root)))
                .as("domain packages of the three architectures against ADR 0006's table").isEmpty();
    }

    @Test
    void the_three_copies_of_the_edge_are_the_same_files() {
        assertThat(Shape.edgeDrift(Checkout.root())).as("monolith/edge/src, distributed-monolith/edge/src and"
                + " event-driven/edge/src must be identical (ADR 0006)").isEmpty();
    }

    private String root() {
        return architecture().rootPackage();
    }

    private String context(String context) {
        return root() + "." + context;
    }
}

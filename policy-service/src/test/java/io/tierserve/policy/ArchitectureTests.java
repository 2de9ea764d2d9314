package io.tierserve.policy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The job service and the command line stay plain Java too (JDBC, no Spring, no JPA), so the same
 * job processor runs inside the platform's process and as {@code policy-service.jar serve}.
 */
class ArchitectureTests {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tierserve.policy.service", "io.tierserve.policy.cli");

    @Test
    void theJobServiceAndTheCommandLineImportNoSpringAndNoJpa() {
        noClasses()
                .that()
                .resideInAnyPackage("io.tierserve.policy.service..", "io.tierserve.policy.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "jakarta.persistence..")
                .check(classes);
    }

    @Test
    void theJobServiceDoesNotDependOnTheCommandLine() {
        noClasses()
                .that()
                .resideInAPackage("io.tierserve.policy.service..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.tierserve.policy.cli..", "picocli..")
                .check(classes);
    }
}

package io.tierserve.policy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The policy algorithms stay plain Java: no Spring, no JPA, so they run the same in every process.
 */
class ArchitectureTests {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tierserve.policy");

    @Test
    void policyAlgorithmsImportNoSpringAndNoJpa() {
        noClasses()
                .that()
                .resideInAPackage("io.tierserve.policy..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "jakarta.persistence..")
                .check(classes);
    }

    @Test
    void solversAndModelsDoNotDependOnTheCommandLine() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.tierserve.policy.model..",
                        "io.tierserve.policy.solver..",
                        "io.tierserve.policy.execution..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.tierserve.policy.cli..", "picocli..")
                .check(classes);
    }
}

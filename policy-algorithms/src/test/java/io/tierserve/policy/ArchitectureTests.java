package io.tierserve.policy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The policy algorithms stay plain Java: no Spring, no JPA, no database, no command line, so the
 * inference workers execute policies and the platform and job service compute them with the same
 * code in every process.
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
    void policyAlgorithmsTouchNoDatabaseAndNoCommandLine() {
        noClasses()
                .that()
                .resideInAPackage("io.tierserve.policy..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "java.sql..",
                        "javax.sql..",
                        "org.postgresql..",
                        "com.zaxxer..",
                        "picocli..",
                        "io.tierserve.policy.service..",
                        "io.tierserve.policy.cli..")
                .check(classes);
    }
}

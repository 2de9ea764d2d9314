package io.tierserve.platform;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;
import org.springframework.web.bind.annotation.RestController;

/** The feature packages' boundaries: no cycles, a shared kernel that knows no feature, nothing internal exposed. */
class ModularityTests {

    private static final JavaClasses PLATFORM = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tierserve.platform");

    @Test
    void featuresFormNoCycles() {
        slices().matching("io.tierserve.platform.(*)..")
                .should()
                .beFreeOfCycles()
                .check(PLATFORM);
    }

    @Test
    void configKnowsNoFeature() {
        noClasses()
                .that()
                .resideInAPackage("io.tierserve.platform.config..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.tierserve.platform.tenant..",
                        "io.tierserve.platform.cascade..",
                        "io.tierserve.platform.tier..",
                        "io.tierserve.platform.audit..",
                        "io.tierserve.platform.user..",
                        "io.tierserve.platform.demo..",
                        "io.tierserve.platform.profile..",
                        "io.tierserve.platform.policy..",
                        "io.tierserve.platform.inference..",
                        "io.tierserve.platform.apikey..",
                        "io.tierserve.platform.security..",
                        "io.tierserve.platform.ratelimit..",
                        "io.tierserve.platform.usage..",
                        "io.tierserve.platform.worker..")
                .check(PLATFORM);
    }

    @Test
    void controllersAndRepositoriesStayInsideTheirFeature() {
        classes()
                .that()
                .areAnnotatedWith(RestController.class)
                .or()
                .areAssignableTo(Repository.class)
                .should()
                .notHaveModifier(JavaModifier.PUBLIC)
                .check(PLATFORM);
    }

    @Test
    void entitiesAreNotVisibleOutsideTheirFeature() {
        classes()
                .that()
                .areAnnotatedWith(jakarta.persistence.Entity.class)
                .should()
                .notHaveModifier(JavaModifier.PUBLIC)
                .check(PLATFORM);
    }

    @Test
    void theWorkerPoolsKnowNoServingFeature() {
        // the in-process worker plugs into the pools, never the other way round
        noClasses()
                .that()
                .resideInAPackage("io.tierserve.platform.worker..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.tierserve.platform.inference..", "io.tierserve.platform.profile..")
                .check(PLATFORM);
    }

    @Test
    void servicesKnowNothingOfServlets() {
        noClasses()
                .that()
                .resideInAnyPackage("io.tierserve.platform..")
                .and()
                .haveSimpleNameEndingWith("Service")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta.servlet..")
                .check(PLATFORM);
    }
}

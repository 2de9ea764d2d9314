package io.tierserve.platform.demo;

import io.tierserve.platform.tenant.TenantRequest;
import io.tierserve.platform.tenant.TenantService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the demo tenant on an empty database and runs every {@link DemoSeedContributor} step
 * that has not run yet; idempotent, and safe when several instances start at once.
 */
@Component
@Order(10)
@EnableConfigurationProperties(DemoProperties.class)
class DemoSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);
    private static final String TENANT_STEP = "demo-tenant";

    private final TenantService tenants;
    private final DemoSeedStepRepository steps;
    private final List<DemoSeedContributor> contributors;
    private final DemoProperties properties;
    private final TransactionTemplate transactions;

    DemoSeeder(
            TenantService tenants,
            DemoSeedStepRepository steps,
            List<DemoSeedContributor> contributors,
            DemoProperties properties,
            PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.tenants = tenants;
        this.steps = steps;
        this.contributors = new ArrayList<>(contributors);
        AnnotationAwareOrderComparator.sort(this.contributors);
        this.properties = properties;
    }

    // One transaction per step: a step and its record commit together, a failed step leaves the
    // steps before it in place, and the advisory lock serialises instances step by step.
    @Override
    public void run(ApplicationArguments args) {
        if (!properties.enabled()) {
            return;
        }
        DemoTenant tenant = transactions.execute(status -> demoTenant());
        if (tenant == null) {
            return;
        }
        for (DemoSeedContributor contributor : contributors) {
            transactions.executeWithoutResult(status -> {
                steps.lockSeeding();
                if (!steps.existsById(contributor.step())) {
                    contributor.seed(tenant);
                    steps.save(new DemoSeedStep(contributor.step()));
                    log.info("Seeded demo step '{}'", contributor.step());
                }
            });
        }
    }

    private DemoTenant demoTenant() {
        steps.lockSeeding();
        Optional<UUID> demo = tenants.findIdOf(properties.tenant());
        if (demo.isEmpty()) {
            // Only an empty database gets the demo; one an admin deleted it from stays without.
            if (steps.existsById(TENANT_STEP) || tenants.anyExist()) {
                return null;
            }
            demo = Optional.of(tenants.create(new TenantRequest(properties.tenant(), "Demo tenant")));
            steps.save(new DemoSeedStep(TENANT_STEP));
            log.info("Created the '{}' tenant with demo data", properties.tenant());
        }
        return new DemoTenant(demo.get(), properties.tenant());
    }
}

package io.tierserve.platform.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ApiTest;
import io.tierserve.platform.tenant.TenantService;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

@ApiTest
class DemoSeedTests {

    @LocalServerPort
    int port;

    @Autowired
    DemoSeeder seeder;

    @Autowired
    TenantService tenants;

    @Autowired
    DemoSeedStepRepository steps;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void anEmptyDatabaseGetsTheDemoTenantWithItsDefaultTiers() {
        ApiClient.Response tiers = ApiClient.asAdmin(port).get("/api/tenants/demo/tiers");

        assertThat(tiers.names("content")).containsExactly("balanced", "exact", "fast", "within-1ms");
        assertThat(ApiClient.asAdmin(port)
                        .get("/api/tenants/demo/tiers/balanced")
                        .json()
                        .path("defaultTier")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void seedingAgainAddsNothing() {
        seeder.run(new DefaultApplicationArguments());

        ApiClient.Response tiers = ApiClient.asAdmin(port).get("/api/tenants/demo/tiers");
        assertThat(tiers.json().path("totalElements").asLong()).isEqualTo(4);
    }

    @Test
    void aStepAddedLaterRunsOnceOnAnExistingDemoTenantInItsOrder() {
        List<String> ran = new ArrayList<>();
        String step = ApiClient.uniqueName("later-step");
        DemoSeeder upgraded = new DemoSeeder(
                tenants,
                steps,
                List.of(new RecordingContributor(step + "-b", 7, ran), new RecordingContributor(step, 5, ran)),
                new DemoProperties(true, "demo"),
                transactions.getTransactionManager());

        transactions.executeWithoutResult(status -> upgraded.run(new DefaultApplicationArguments()));
        transactions.executeWithoutResult(status -> upgraded.run(new DefaultApplicationArguments()));

        assertThat(ran).containsExactly(step, step + "-b");
        assertThat(steps.existsById(step)).isTrue();
    }

    private record RecordingContributor(String step, int order, List<String> ran) implements DemoSeedContributor {

        @Override
        public int getOrder() {
            return order;
        }

        @Override
        public void seed(DemoTenant tenant) {
            assertThat(tenant.name()).isEqualTo("demo");
            ran.add(step);
        }
    }
}

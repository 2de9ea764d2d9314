package io.tierserve.platform.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.web.server.LocalServerPort;

@ApiTest
class DemoSeedTests {

    @LocalServerPort
    int port;

    @Autowired
    DemoSeeder seeder;

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
}

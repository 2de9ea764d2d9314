package io.tierserve.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ApiTest;
import io.tierserve.platform.ServedTenant;
import io.tierserve.platform.cascade.CascadeService;
import io.tierserve.platform.inference.InProcessWorker;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@ApiTest
class RateLimitTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CascadeService cascades;

    @Autowired
    InProcessWorker worker;

    private static ApiClient.Response predict(ServedTenant tenant, List<String> inputs) {
        return tenant.key()
                .post(
                        "/v1/cascades/" + ServedTenant.CASCADE + "/predict",
                        "{\"inputs\":[" + String.join(",", inputs) + "]}");
    }

    private static ApiClient.Response predictOne(ServedTenant tenant) {
        return predict(tenant, ServedTenant.samples(0, 1));
    }

    private static int requests(JdbcTemplate jdbc, ServedTenant tenant, String outcome) {
        // reading usage through the API writes the buffered records first
        tenant.admin().get("/api/tenants/" + tenant.name() + "/usage");
        Integer count = jdbc.queryForObject(
                "select count(*) from usage_records where tenant_id = ? and outcome = ?",
                Integer.class,
                tenant.id(),
                outcome);
        return count == null ? 0 : count;
    }

    @Test
    void aTenantOverItsDailyQuotaGets429WithRetryAfter() throws InterruptedException {
        ServedTenant tenant = ServedTenant.create(port, jdbc, cascades, worker, "quota");
        assertThat(tenant.admin()
                        .put("/api/tenants/" + tenant.name() + "/limits", "{\"quotaPerDay\":3}")
                        .status())
                .isEqualTo(200);

        int admitted = 0;
        ApiClient.Response refused = null;
        for (int i = 0; i < 5; i++) {
            ApiClient.Response response = predictOne(tenant);
            if (response.status() == 429) {
                refused = response;
            } else {
                assertThat(response.status()).isEqualTo(200);
                admitted++;
            }
        }

        assertThat(admitted).isEqualTo(3);
        assertThat(refused).isNotNull();
        assertThat(Long.parseLong(refused.headers().getFirst("Retry-After"))).isPositive();
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(requests(jdbc, tenant, "RATE_LIMITED")).isEqualTo(2);
    }

    @Test
    void aRefusedBatchSpendsNothing() throws InterruptedException {
        ServedTenant tenant = ServedTenant.create(port, jdbc, cascades, worker, "batch");
        tenant.admin().put("/api/tenants/" + tenant.name() + "/limits", "{\"quotaPerDay\":4}");

        // refused by the quota as a whole: none of its five inputs counts
        assertThat(predict(tenant, ServedTenant.samples(0, 5)).status()).isEqualTo(429);
        // refused for one bad input: the good ones before it count nothing either
        List<String> oneBad =
                List.of(ServedTenant.samples(0, 1).get(0), "{\"tensor\":{\"shape\":[1,28,28],\"data\":[1.0]}}");
        ApiClient.Response bad = predict(tenant, oneBad);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).contains("inputs[1].tensor");

        assertThat(predict(tenant, ServedTenant.samples(0, 4)).status()).isEqualTo(200);
        assertThat(predictOne(tenant).status()).isEqualTo(429);
    }

    @Test
    void limitChangesAreAuditedAndOtherTenantsAreUnaffected() throws InterruptedException {
        ServedTenant limited = ServedTenant.create(port, jdbc, cascades, worker, "lim");
        ServedTenant free = ServedTenant.create(port, jdbc, cascades, worker, "free");
        limited.admin().put("/api/tenants/" + limited.name() + "/limits", "{\"quotaPerDay\":1}");
        assertThat(predictOne(limited).status()).isEqualTo(200);
        assertThat(predictOne(limited).status()).isEqualTo(429);

        for (int i = 0; i < 3; i++) {
            assertThat(predictOne(free).status()).isEqualTo(200);
        }
        assertThat(ApiClient.asAdmin(port)
                        .get("/api/tenants/" + limited.name() + "/audit?action=tenant.limits_changed")
                        .json()
                        .path("totalElements")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void aTiersOwnLimitPerSecondRefusesTheExcessOfABurst() throws InterruptedException {
        ServedTenant tenant = ServedTenant.create(port, jdbc, cascades, worker, "tierlim");
        tenant.admin().put("/api/tenants/" + tenant.name() + "/tiers/fast/limits", "{\"rateLimitPerSecond\":2}");

        // a burst of ten inputs in one request is over the limit as a whole
        ApiClient.Response burst = predict(tenant, ServedTenant.samples(0, 10));

        assertThat(burst.status()).isEqualTo(429);
        assertThat(burst.headers().getFirst("Retry-After")).isEqualTo("1");
    }
}

package io.tierserve.platform.tier;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@ApiTest
class TierApiTests {

    @LocalServerPort
    int port;

    ApiClient api;
    String tiers;

    @BeforeEach
    void tenant() {
        api = ApiClient.asAdmin(port);
        String tenant = ApiClient.uniqueName("tiers");
        api.post("/api/tenants", "{\"name\":\"%s\",\"displayName\":\"T\"}".formatted(tenant));
        tiers = "/api/tenants/" + tenant + "/tiers";
    }

    @Test
    void aTierCanBeCreatedReadUpdatedAndDeleted() {
        ApiClient.Response created = api.post(tiers, """
                {"name":"fast","objective":"ACCURACY_TOLERANCE","accuracyTolerance":0.05,"priority":3,
                 "rateLimitPerSecond":100}""");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("accuracyTolerance").asDouble()).isEqualTo(0.05);
        assertThat(created.json().path("priority").asInt()).isEqualTo(3);

        ApiClient.Response updated = api.put(tiers + "/fast", """
                {"name":"fast","objective":"LATENCY_BUDGET","latencyBudgetMs":2.5,"deadlineMs":5}""");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().path("objective").asString()).isEqualTo("LATENCY_BUDGET");
        assertThat(updated.json().path("accuracyTolerance").isNull()).isTrue();
        assertThat(updated.json().path("priority").asInt()).isEqualTo(5);

        assertThat(api.get(tiers).names("content")).containsExactly("fast");
        assertThat(api.delete(tiers + "/fast").status()).isEqualTo(204);
        assertThat(api.get(tiers + "/fast").status()).isEqualTo(404);
    }

    @Test
    void parametersOutOfRangeAreNamed() {
        ApiClient.Response response = api.post(tiers, """
                {"name":"bad","objective":"ACCURACY_TOLERANCE","accuracyTolerance":1.5,"priority":12,
                 "deadlineMs":-1,"rateLimitPerSecond":0}""");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields())
                .containsExactlyInAnyOrder("accuracyTolerance", "priority", "deadlineMs", "rateLimitPerSecond");
        assertThat(api.get(tiers).json().path("totalElements").asLong()).isZero();
    }

    @Test
    void anObjectiveNeedsItsOwnParameterAndNoOther() {
        ApiClient.Response response =
                api.post(tiers, "{\"name\":\"odd\",\"objective\":\"LATENCY_BUDGET\",\"accuracyTolerance\":0.1}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactlyInAnyOrder("latencyBudgetMs", "accuracyTolerance");
    }

    @Test
    void anUnknownObjectiveIsNamed() {
        ApiClient.Response response = api.post(tiers, "{\"name\":\"odd\",\"objective\":\"CHEAPEST\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("objective");
    }

    @Test
    void aNewDefaultTierTakesOverFromTheOldOne() {
        api.post(
                tiers,
                "{\"name\":\"a\",\"objective\":\"ACCURACY_TOLERANCE\",\"accuracyTolerance\":0,\"defaultTier\":true}");
        api.post(
                tiers,
                "{\"name\":\"b\",\"objective\":\"ACCURACY_TOLERANCE\",\"accuracyTolerance\":0.1,\"defaultTier\":true}");

        assertThat(api.get(tiers + "/a").json().path("defaultTier").asBoolean()).isFalse();
        assertThat(api.get(tiers + "/b").json().path("defaultTier").asBoolean()).isTrue();
    }

    @Test
    void aDuplicateTierNameIsAConflict() {
        String body = "{\"name\":\"same\",\"objective\":\"ACCURACY_TOLERANCE\",\"accuracyTolerance\":0}";
        api.post(tiers, body);

        ApiClient.Response second = api.post(tiers, body);

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.errorFields()).containsExactly("name");
    }
}

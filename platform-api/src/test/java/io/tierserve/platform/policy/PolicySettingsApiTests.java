package io.tierserve.platform.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@ApiTest
class PolicySettingsApiTests {

    @LocalServerPort
    int port;

    @Test
    void aTenantSwitchesToApprovalAndAnUnknownModeIsRefused() {
        ApiClient api = ApiClient.asAdmin(port);
        String tenant = ApiClient.uniqueName("settings");
        api.post("/api/tenants", "{\"name\":\"%s\",\"displayName\":\"S\"}".formatted(tenant));
        String path = "/api/tenants/" + tenant + "/policy-settings";

        assertThat(api.get(path).json().path("activation").asString()).isEqualTo("AUTOMATIC");
        assertThat(api.put(path, "{\"activation\":\"APPROVAL\"}").status()).isEqualTo(200);
        assertThat(api.get(path).json().path("activation").asString()).isEqualTo("APPROVAL");
        assertThat(api.put(path, "{\"activation\":\"SOMETIMES\"}").status()).isEqualTo(400);
        assertThat(api.get(path).json().path("activation").asString()).isEqualTo("APPROVAL");
    }
}

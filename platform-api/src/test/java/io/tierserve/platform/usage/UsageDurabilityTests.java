package io.tierserve.platform.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ApiTest;
import io.tierserve.platform.SecondInstance;
import io.tierserve.platform.ServedTenant;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Usage is written behind the requests: nothing is lost when an instance shuts down gracefully,
 * and at most one flush interval when it is killed.
 */
@ApiTest
class UsageDurabilityTests {

    private static final String PREDICT = "/v1/cascades/fashion-mnist/predict";

    @Autowired
    Environment environment;

    @Autowired
    JdbcTemplate jdbc;

    private static UUID predict(ApiClient key) {
        ApiClient.Response response = key.post(
                PREDICT,
                "{\"tier\":\"fast\",\"inputs\":[" + ServedTenant.samples(0, 1).get(0) + "]}");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return UUID.fromString(
                response.json().path("predictions").get(0).path("requestId").asString());
    }

    private long stored(List<UUID> requests) {
        Long count =
                jdbc.queryForObject("select count(*) from usage_records where request_id = any(?)", Long.class, (Object)
                        requests.toArray(UUID[]::new));
        return count == null ? 0 : count;
    }

    @Test
    void aGracefulShutdownWritesEveryBufferedRecord() {
        List<UUID> requests = new ArrayList<>();
        // a flush interval longer than the test: only the shutdown can write these
        try (SecondInstance instance =
                SecondInstance.start(environment, Map.of("tierserve.usage.flush-interval", "1h"))) {
            ApiClient key = ApiClient.withKey(instance.port(), ApiClient.DEMO_API_KEY);
            for (int i = 0; i < 25; i++) {
                requests.add(predict(key));
            }
            assertThat(stored(requests)).isZero();
        }

        assertThat(stored(requests)).isEqualTo(requests.size());
    }

    @Test
    void aKilledInstanceLosesAtMostTheLastFlushInterval() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("tierserve-killed", ".log");
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spring.datasource.url", environment.getRequiredProperty("spring.datasource.url"));
        settings.put("spring.datasource.username", environment.getProperty("spring.datasource.username", ""));
        settings.put("spring.datasource.password", environment.getProperty("spring.datasource.password", ""));
        settings.put("server.port", Integer.toString(port));
        settings.put("tierserve.bootstrap.admin-password", ApiClient.ADMIN_PASSWORD);
        settings.put("tierserve.demo.api-key", ApiClient.DEMO_API_KEY);
        settings.put("tierserve.jobs.in-process", "false");
        settings.put("tierserve.inference.full-profile-fraction", "0");
        settings.put("tierserve.usage.flush-interval", "200ms");
        settings.put("tierserve.audit.directory", "target/audit-checkpoints");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.tierserve.platform.TierServeApplication"));
        settings.forEach((name, value) -> command.add("--" + name + "=" + value));
        Process platform = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            ApiClient key = ApiClient.withKey(port, ApiClient.DEMO_API_KEY);
            Awaitility.await("the platform in its own process")
                    .atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> ApiClient.as(port, null, null)
                                    .get("/actuator/health")
                                    .status()
                            == 200);

            List<UUID> requests = new ArrayList<>();
            List<Long> answeredAt = new ArrayList<>();
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < until) {
                requests.add(predict(key));
                answeredAt.add(System.nanoTime());
            }
            platform.destroyForcibly().waitFor();
            long killed = System.nanoTime();

            List<UUID> lost = new ArrayList<>();
            double oldestLostMs = 0;
            for (int i = 0; i < requests.size(); i++) {
                if (stored(List.of(requests.get(i))) == 0) {
                    lost.add(requests.get(i));
                    oldestLostMs = Math.max(oldestLostMs, (killed - answeredAt.get(i)) / 1e6);
                }
            }
            System.out.printf(
                    "kill -9 after %d answered requests: %d usage records lost, the oldest answered %.0f ms before"
                            + " the kill (flush interval 200 ms)%n",
                    requests.size(), lost.size(), oldestLostMs);
            // generous against a loaded machine: a record answered a second before the kill was written
            assertThat(oldestLostMs).isLessThan(1_000);
            assertThat(lost.size()).isLessThan(requests.size());
        } finally {
            platform.destroyForcibly();
            platform.waitFor();
            Files.deleteIfExists(log);
        }
    }
}

package io.tierserve.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.SecondInstance;
import io.tierserve.platform.ServedTenant;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A platform on an external database that dies under it: readiness says so within seconds (while
 * liveness stays up: a restart would not bring the database back), and stopping it then is prompt
 * and quiet, with one line that says what could not be written.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOutageTests {

    @Test
    void readinessFollowsTheDatabaseAndStoppingWithoutItIsPromptAndSaysWhatWasNotWritten(CapturedOutput output)
            throws Exception {
        // a database of its own to kill; fast settings, as every test database
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .start();
        String url = postgres.getJdbcUrl("postgres", "postgres");
        SecondInstance instance = SecondInstance.onDatabase(
                url,
                "postgres",
                "postgres",
                Map.of(
                        // the job processor runs too, and usage waits in memory until the shutdown
                        "tierserve.jobs.in-process", "true",
                        "tierserve.usage.flush-interval", "1h"));
        boolean closed = false;
        try {
            ApiClient anonymous = ApiClient.as(instance.port(), null, null);
            assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);
            ApiClient key = ApiClient.withKey(instance.port(), ApiClient.DEMO_API_KEY);
            for (int i = 0; i < 3; i++) {
                ApiClient.Response answered = key.post(
                        "/v1/cascades/fashion-mnist/predict",
                        "{\"tier\":\"fast\",\"inputs\":["
                                + ServedTenant.samples(i, 1).get(0) + "]}");
                assertThat(answered.status()).as(answered.text()).isEqualTo(200);
            }
            int before = output.length();

            ProcessHandle.of(postmaster(url)).orElseThrow().destroyForcibly();

            Awaitility.await("readiness DOWN")
                    .atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> anonymous.get("/actuator/health/readiness").status() == 503);
            assertThat(anonymous.get("/actuator/health").status()).isEqualTo(503);
            assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);

            long start = System.nanoTime();
            instance.close();
            closed = true;
            double seconds = (System.nanoTime() - start) / 1e9;

            String stopping = output.toString().substring(before);
            System.out.printf("stopped %.1f s after the database died under it%n", seconds);
            // far below the 30 s the pool waits for a connection, which stopping used to wait for
            assertThat(seconds).isLessThan(15);
            assertThat(stopping)
                    .contains("Database unreachable")
                    .contains("Stopped with the database unreachable")
                    .contains("not written: 3 usage records");
            assertThat(stopping).as("no stack traces").doesNotContain("\tat ");
        } finally {
            if (!closed) {
                instance.close();
            }
            try {
                postgres.close();
            } catch (RuntimeException e) {
                // killed above
            }
        }
    }

    private static long postmaster(String url) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("show data_directory")) {
            rows.next();
            return PostmasterPidFile.read(Path.of(rows.getString(1)))
                    .orElseThrow()
                    .pid();
        }
    }
}

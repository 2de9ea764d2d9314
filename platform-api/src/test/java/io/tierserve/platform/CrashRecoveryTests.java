package io.tierserve.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierserve.policy.profile.ProfileJson;
import io.tierserve.worker.profiling.DemoProfile;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The standalone platform as an operator runs it: its own process ({@code java ...
 * TierServeApplication}), the embedded PostgreSQL on a data directory under {@code target/}, and
 * {@code kill -9}. Every restart is on the same directory with no manual step.
 *
 * <ol>
 *   <li>The platform is killed while a recomputation job runs, while a profile upload is inside its
 *       transaction, and under request load with tier updates going on. Its watchdog stops the
 *       embedded server; the next start finishes the interrupted job (attempt 2, one version per
 *       tier), every job ends exactly once, the upload is there whole or not at all, and every tier
 *       update that was answered 2xx is there.
 *   <li>The platform and its watchdog are both killed, leaving the server running; the next start
 *       stops it and starts afresh.
 *   <li>The embedded server is killed under the running platform: readiness says DOWN within 5 s
 *       (liveness stays UP), the server is started again and the data is intact; killed once more,
 *       past {@code restarts=1}, the platform exits with status 1, saying why in one line, and
 *       promptly, without stack traces, with one more line that says what it could not write.
 * </ol>
 *
 * <p>Three starts of the platform in their own JVMs, so it takes a minute or two; tagged {@code
 * crash} ({@code -DexcludedGroups=crash} leaves it out of a local run).
 */
@Tag("crash")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashRecoveryTests {

    private static final String PREDICT = "/v1/cascades/fashion-mnist/predict";
    private static final String PROFILES = "/api/tenants/demo/cascades/fashion-mnist/profiles";
    private static final String FAST_LIMITS = "/api/tenants/demo/tiers/fast/limits";
    private static final String WATCHDOG = "tierserve-postgres-watchdog";

    private final Path run =
            Path.of("target", "crash-tests", UUID.randomUUID().toString()).toAbsolutePath();
    private final Path dataDirectory = run.resolve("postgres");
    private final List<Platform> started = new ArrayList<>();
    private final AtomicInteger starts = new AtomicInteger();

    // what step 1 leaves for the later steps to check
    private final Map<Integer, Integer> acknowledgedQuotas = new TreeMap<>();
    private Platform survivor;

    @AfterAll
    void cleanUp() throws IOException {
        started.forEach(Platform::kill);
        postmaster().flatMap(server -> ProcessHandle.of(server.pid())).ifPresent(ProcessHandle::destroyForcibly);
        if (Files.exists(run)) {
            try (Stream<Path> files = Files.walk(run)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void killedDuringAJobAnUploadAndRequestLoadItLosesNoAcknowledgedChangeAndEveryJobEndsOnce() throws Exception {
        Platform first = start(Map.of());
        String profile = ProfileJson.toJson(DemoProfile.load());
        ApiClient admin = ApiClient.asAdmin(first.port);
        // jobs in the queue, so one is running when the kill comes
        for (int i = 0; i < 2; i++) {
            ApiClient.Response uploaded = admin.post(PROFILES + "?name=queued-" + i, profile);
            assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(202);
        }

        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger predictions = new AtomicInteger();
        List<Thread> load = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            load.add(started(() -> {
                ApiClient key = ApiClient.withKey(first.port, ApiClient.DEMO_API_KEY);
                String body = "{\"tier\":\"fast\",\"inputs\":["
                        + ServedTenant.samples(0, 1).get(0) + "]}";
                while (loading.get()) {
                    try {
                        if (key.post(PREDICT, body).status() == 200) {
                            predictions.incrementAndGet();
                        }
                    } catch (RuntimeException killed) {
                        return;
                    }
                }
            }));
        }
        List<Integer> acknowledged = new CopyOnWriteArrayList<>();
        load.add(started(() -> {
            for (int i = 1; loading.get(); i++) {
                try {
                    ApiClient.Response changed =
                            admin.put(FAST_LIMITS, "{\"rateLimitPerSecond\":null,\"quotaPerDay\":" + quota(i) + "}");
                    if (changed.status() / 100 == 2) {
                        acknowledged.add(i);
                    }
                } catch (RuntimeException killed) {
                    return;
                }
            }
        }));

        // an upload inside its transaction, a job running, requests and tier updates answered: kill.
        // An upload that completes first is one more acknowledged change; the next one is tried.
        Map<String, AtomicReference<ApiClient.Response>> uploads = new TreeMap<>();
        Postmaster server = postmaster().orElseThrow();
        UUID running = null;
        Thread uploading = null;
        try (Connection db = connect(server)) {
            for (int attempt = 0; attempt < 5 && running == null; attempt++) {
                AtomicReference<ApiClient.Response> upload = new AtomicReference<>();
                String name = "in-flight-" + attempt;
                uploads.put(name, upload);
                uploading = started(() -> {
                    try {
                        upload.set(admin.post(PROFILES + "?name=" + name, profile));
                    } catch (RuntimeException killed) {
                        // no answer: the kill came first
                    }
                });
                while (upload.get() == null && uploading.isAlive()) {
                    UUID job = runningJob(db);
                    if (job != null && uploadInTransaction(db) && acknowledged.size() >= 3 && predictions.get() > 0) {
                        running = job;
                        break;
                    }
                    Thread.sleep(5);
                }
            }
        }
        assertThat(running)
                .as(
                        "a moment with a job running, an upload in its transaction and requests answered (log %s)",
                        first.log)
                .isNotNull();
        first.kill();
        loading.set(false);
        for (Thread thread : load) {
            thread.join(10_000);
        }
        if (uploading != null) {
            uploading.join(10_000);
        }
        System.out.printf(
                "killed the platform with job %s running, an upload in flight, %d predictions and %d tier updates"
                        + " answered%n",
                running, predictions.get(), acknowledged.size());

        // the watchdog stops the server the killed platform leaves
        ProcessHandle orphan = ProcessHandle.of(server.pid()).orElse(null);
        if (orphan != null) {
            assertThat(orphan.onExit().get(30, TimeUnit.SECONDS)).isNotNull();
        }

        Platform second = start(Map.of());
        try (Connection db = connect(postmaster().orElseThrow())) {
            Awaitility.await("every job ended")
                    .atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() ->
                            count(db, "select count(*) from recomputation_jobs where status in ('QUEUED', 'RUNNING')")
                                    == 0);
            assertThat(count(db, "select count(*) from recomputation_jobs where status <> 'SUCCEEDED'"))
                    .isZero();
            long tiers = count(
                    db, "select count(*) from tiers t join tenants n on n.id = t.tenant_id where n.name = 'demo'");
            assertThat(count(db, "select attempts from recomputation_jobs where id = ?", running))
                    .as("the interrupted job ran a second time")
                    .isEqualTo(2);
            // exactly once: one version per tier for every job, the interrupted one included
            assertThat(count(
                            db,
                            "select count(*) from recomputation_jobs j where (select count(*) from policy_versions v"
                                    + " where v.job_id = j.id) <> ?",
                            tiers))
                    .isZero();
            assertThat(count(db, "select count(*) from policy_versions where job_id = ?", running))
                    .isEqualTo(tiers);

            // each upload: whole with its one job, or not there at all; there when it was answered 202
            for (Map.Entry<String, AtomicReference<ApiClient.Response>> upload : uploads.entrySet()) {
                String name = upload.getKey();
                long stored = count(db, "select count(*) from profiles where name = ?", name);
                ApiClient.Response answer = upload.getValue().get();
                if (answer != null && answer.status() == 202) {
                    assertThat(stored).as(name).isEqualTo(1);
                }
                assertThat(stored).as(name).isBetween(0L, 1L);
                if (stored == 1) {
                    assertThat(count(
                                    db,
                                    "select count(*) from profile_samples s join profiles p on p.id = s.profile_id"
                                            + " where p.name = ?",
                                    name))
                            .isEqualTo(10_000);
                    assertThat(count(
                                    db,
                                    "select count(*) from recomputation_jobs j join profiles p on p.id = j.profile_id"
                                            + " where p.name = ?",
                                    name))
                            .isEqualTo(1);
                }
            }

            // every tier update answered 2xx is there, each audited with its value
            for (int i : acknowledged) {
                assertThat(count(
                                db,
                                "select count(*) from audit_events where action = 'tier.limits_changed'"
                                        + " and target_name = 'fast' and (details->>'quotaPerDay')::bigint = ?",
                                quota(i)))
                        .as("tier update %d", i)
                        .isEqualTo(1);
                acknowledgedQuotas.put(i, quota(i));
            }
            long last = acknowledged.stream()
                    .mapToLong(CrashRecoveryTests::quota)
                    .max()
                    .orElseThrow();
            assertThat(ApiClient.asAdmin(second.port)
                            .get(FAST_LIMITS)
                            .json()
                            .path("quotaPerDay")
                            .asLong())
                    .isGreaterThanOrEqualTo(last);
        }
        survivor = second;
    }

    @Test
    @Order(2)
    void aServerLeftRunningByAKilledPlatformAndWatchdogIsStoppedByTheNextStart() throws Exception {
        Platform second = survivor;
        Postmaster server = postmaster().orElseThrow();
        ProcessHandle watchdog = second.process
                .toHandle()
                .children()
                .filter(child -> child.info().commandLine().orElse("").contains(WATCHDOG))
                .findFirst()
                .orElseThrow();

        watchdog.destroyForcibly();
        second.kill();

        ProcessHandle orphan = ProcessHandle.of(server.pid()).orElseThrow();
        // nothing is left to stop it: it stays up (checked for 2 s)
        Awaitility.await("the server outlives a platform killed with its watchdog")
                .during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(orphan::isAlive);

        // usage waits in memory (no flush within the test): what the last step cannot write
        Platform third = start(Map.of(
                "tierserve.database.embedded.restarts", "1",
                "tierserve.usage.flush-interval", "1h"));

        assertThat(orphan.onExit().get(30, TimeUnit.SECONDS)).isNotNull();
        assertThat(third.output()).contains("Stopped the embedded PostgreSQL (PID " + server.pid() + ")");
        try (Connection db = connect(postmaster().orElseThrow())) {
            for (Map.Entry<Integer, Integer> update : acknowledgedQuotas.entrySet()) {
                assertThat(count(
                                db,
                                "select count(*) from audit_events where action = 'tier.limits_changed'"
                                        + " and (details->>'quotaPerDay')::bigint = ?",
                                update.getValue()))
                        .isEqualTo(1);
            }
        }
        survivor = third;
    }

    @Test
    @Order(3)
    void aKilledServerMakesItUnreadyWithinSecondsIsStartedAgainAndPastItsRestartsThePlatformExits() throws Exception {
        Platform third = survivor;
        ApiClient anonymous = ApiClient.as(third.port, null, null);
        ApiClient key = ApiClient.withKey(third.port, ApiClient.DEMO_API_KEY);
        for (int i = 0; i < 3; i++) {
            ApiClient.Response answered = key.post(
                    PREDICT,
                    "{\"tier\":\"fast\",\"inputs\":["
                            + ServedTenant.samples(i, 1).get(0) + "]}");
            assertThat(answered.status()).as(answered.text()).isEqualTo(200);
        }
        Postmaster server = postmaster().orElseThrow();
        String before;
        try (Connection db = connect(server)) {
            before = fingerprint(db);
        }

        ProcessHandle.of(server.pid()).orElseThrow().destroyForcibly();

        Awaitility.await("readiness DOWN")
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> anonymous.get("/actuator/health/readiness").status() == 503);
        assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);
        Awaitility.await("ready again: the server started again")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> anonymous.get("/actuator/health/readiness").status() == 200);
        Postmaster restarted = postmaster().orElseThrow();
        assertThat(restarted.pid()).isNotEqualTo(server.pid());
        assertThat(restarted.port()).isEqualTo(server.port());
        try (Connection db = connect(restarted)) {
            assertThat(fingerprint(db)).isEqualTo(before);
        }
        ApiClient.Response changed =
                ApiClient.asAdmin(third.port).put(FAST_LIMITS, "{\"rateLimitPerSecond\":null,\"quotaPerDay\":42}");
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);

        String logged = third.output();
        long killed = System.nanoTime();
        ProcessHandle.of(restarted.pid()).orElseThrow().destroyForcibly();

        assertThat(third.process.waitFor(60, TimeUnit.SECONDS))
                .as("the platform exits")
                .isTrue();
        double seconds = (System.nanoTime() - killed) / 1e9;
        System.out.printf("the platform exited %.1f s after its server was killed past its restarts%n", seconds);
        // prompt: stopping no longer waits out the pool's 30 s for a connection that cannot come
        assertThat(seconds).isLessThan(20);
        assertThat(third.process.exitValue()).isEqualTo(1);
        String exiting = third.output().substring(logged.length());
        assertThat(exiting)
                .contains("exited unexpectedly, 2 times within 10 minutes; stopping the platform with exit status 1")
                .contains("Stopped with the database unreachable")
                .contains("not written: ")
                .contains("3 usage records");
        assertThat(exiting).as("no stack traces while stopping").doesNotContain("\tat ");
        assertThat(running(restarted.pid())).as("no server left running").isFalse();
    }

    // ---------------------------------------------------------------------------------------------

    private static Thread started(Runnable work) {
        Thread thread = new Thread(work);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static int quota(int update) {
        return 1_000_000 + update;
    }

    private Platform start(Map<String, String> extra) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.createDirectories(run);
        Path log = run.resolve("platform-" + starts.incrementAndGet() + ".log");
        Map<String, String> settings = new TreeMap<>();
        settings.put("server.port", Integer.toString(port));
        settings.put("tierserve.database.embedded.data-directory", dataDirectory.toString());
        settings.put("tierserve.bootstrap.admin-password", ApiClient.ADMIN_PASSWORD);
        settings.put("tierserve.demo.api-key", ApiClient.DEMO_API_KEY);
        settings.put("tierserve.inference.full-profile-fraction", "0");
        settings.put("tierserve.audit.directory", run.resolve("audit").toString());
        settings.putAll(extra);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // a quicker start; nothing here measures speed
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                TierServeApplication.class.getName()));
        settings.forEach((name, value) -> command.add("--" + name + "=" + value));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // the standalone platform: no external database, whatever the test run has
        builder.environment().keySet().removeIf(name -> name.startsWith("SPRING_DATASOURCE"));
        long begin = System.nanoTime();
        Platform platform = new Platform(builder.start(), port, log);
        started.add(platform);
        ApiClient anonymous = ApiClient.as(port, null, null);
        Awaitility.await("the platform in its own process, ready (log " + log + ")")
                .atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .failFast("the platform process ended", () -> !platform.process.isAlive())
                .until(() -> anonymous.get("/actuator/health/readiness").status() == 200);
        System.out.printf(
                "platform %d ready %.1f s after its start%n", starts.get(), (System.nanoTime() - begin) / 1e9);
        return platform;
    }

    /** The server that {@code postmaster.pid} names, when there is one. */
    private Optional<Postmaster> postmaster() {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
            return Optional.of(new Postmaster(
                    Long.parseLong(lines.get(0).trim()),
                    Integer.parseInt(lines.get(3).trim())));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A connection as the embedded server's superuser, with the password the platform keeps beside the data directory. */
    private Connection connect(Postmaster server) throws SQLException {
        String password;
        try {
            password = Files.readString(dataDirectory.resolveSibling("postgres.password"))
                    .strip();
        } catch (IOException e) {
            throw new SQLException("no superuser password file beside " + dataDirectory, e);
        }
        return DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + server.port() + "/postgres", "postgres", password);
    }

    private static UUID runningJob(Connection db) throws SQLException {
        try (PreparedStatement select =
                        db.prepareStatement("select id from recomputation_jobs where status = 'RUNNING' limit 1");
                ResultSet row = select.executeQuery()) {
            return row.next() ? row.getObject(1, UUID.class) : null;
        }
    }

    // a session inside a transaction that has written, whose last statement stored profile rows
    private static boolean uploadInTransaction(Connection db) throws SQLException {
        return count(
                        db,
                        "select count(*) from pg_stat_activity where backend_xid is not null"
                                + " and query like 'insert into profile%'")
                > 0;
    }

    private static String fingerprint(Connection db) throws SQLException {
        return Stream.of(
                        "audit_events", "profiles", "profile_samples", "policy_versions", "recomputation_jobs", "tiers")
                .map(table -> {
                    try {
                        return table + "=" + count(db, "select count(*) from " + table);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .reduce((a, b) -> a + ", " + b)
                .orElseThrow();
    }

    private static long count(Connection db, String sql, Object... arguments) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(sql)) {
            for (int i = 0; i < arguments.length; i++) {
                select.setObject(i + 1, arguments[i]);
            }
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private record Postmaster(long pid, int port) {}

    /** Whether a process runs (one that ended but is not yet reaped does not). */
    private static boolean running(long pid) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** A platform process and its log. */
    private record Platform(Process process, int port, Path log) {

        String output() throws IOException {
            return Files.readString(log);
        }

        void kill() {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

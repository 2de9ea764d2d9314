package io.tierserve.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The embedded database of the standalone mode: its data outlives a restart, it runs durable, it
 * has one owner, a server that exits is started again (up to a limit, then the platform exits), and
 * a server left behind by a dead platform is stopped, by the watchdog or by the next start, while a
 * process that merely inherited its id is left alone.
 */
class EmbeddedDatabaseConfigurationTests {

    @TempDir
    Path temporary;

    // a directory of its own: the lock file goes beside it
    Path dataDirectory;

    Path elsewhere;

    @BeforeEach
    void directories() throws IOException {
        dataDirectory = temporary.resolve("postgres");
        elsewhere = Files.createDirectories(temporary.resolve("elsewhere"));
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withUserConfiguration(EmbeddedDatabaseConfiguration.class)
                // an empty URL hides SPRING_DATASOURCE_URL, should the test run itself have one
                .withPropertyValues(
                        "spring.datasource.url=", "tierserve.database.embedded.data-directory=" + dataDirectory);
    }

    private EmbeddedDatabaseProperties properties(Path directory, int restarts) {
        return new EmbeddedDatabaseProperties(directory, 0, restarts, Duration.ofSeconds(60), Duration.ofSeconds(30));
    }

    /** What the platform would do when the server cannot be kept running: here, count down. */
    private static final class Exit implements Runnable {
        final CountDownLatch called = new CountDownLatch(1);

        @Override
        public void run() {
            called.countDown();
        }

        boolean awaited() throws InterruptedException {
            return called.await(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void dataSurvivesARestartClosingStopsTheServerAndItRunsDurable() {
        int[] port = new int[1];
        runner().run(context -> {
            port[0] = context.getBean(EmbeddedDatabase.class).port();
            JdbcConnectionDetails details = context.getBean(JdbcConnectionDetails.class);
            execute(details.getJdbcUrl(), "create table kept (answer int)");
            execute(details.getJdbcUrl(), "insert into kept values (42)");
            // the library's defaults are fsync and synchronous commit off; the product's server has them on
            assertThat(query(details.getJdbcUrl(), "show fsync")).isEqualTo("on");
            assertThat(query(details.getJdbcUrl(), "show synchronous_commit")).isEqualTo("on");
            assertThat(query(details.getJdbcUrl(), "show full_page_writes")).isEqualTo("on");
        });

        assertThatThrownBy(() -> DriverManager.getConnection(
                                "jdbc:postgresql://localhost:" + port[0] + "/postgres", "postgres", superuserPassword())
                        .close())
                .isInstanceOf(SQLException.class);
        assertThat(dataDirectory.resolve(PostmasterPidFile.NAME)).doesNotExist();

        runner().run(context -> assertThat(
                        query(context.getBean(JdbcConnectionDetails.class).getJdbcUrl(), "select answer from kept"))
                .isEqualTo("42"));
    }

    @Test
    void anExternalDatabaseUrlTurnsItOff() {
        runner().withPropertyValues("spring.datasource.url=jdbc:postgresql://db.invalid/x")
                .run(context -> assertThat(context).doesNotHaveBean(EmbeddedDatabase.class));
    }

    @Test
    void aSecondPlatformOnTheSameDataDirectoryIsRefusedWithTheFirstOnesProcessId() throws Exception {
        try (EmbeddedDatabase first = EmbeddedDatabase.start(properties(dataDirectory, 0), new Exit())) {
            assertThatThrownBy(() -> EmbeddedDatabase.start(properties(dataDirectory, 0), new Exit()))
                    .isInstanceOf(EmbeddedDatabaseException.class)
                    .hasMessageContaining("in use by another running platform")
                    .hasMessageContaining("PID " + ProcessHandle.current().pid());
            // a platform that fails to start on it says so in its failure analysis, without a stack trace
            runner().run(context -> {
                assertThat(context).hasFailed();
                FailureAnalysis analysis = new EmbeddedDatabaseFailureAnalyzer().analyze(context.getStartupFailure());
                assertThat(analysis).isNotNull();
                assertThat(analysis.getDescription()).contains("in use by another running platform");
            });
            // the refused starts touched nothing of the first's
            assertThat(query(first.jdbcUrl(), "select 1")).isEqualTo("1");
        }
    }

    @Test
    void aServerThatExitsRunsAgainOnTheSamePortWithItsDataAndPastItsRestartsThePlatformExits() throws Exception {
        Exit exit = new Exit();
        try (EmbeddedDatabase database = EmbeddedDatabase.start(properties(dataDirectory, 1), exit)) {
            execute(database.jdbcUrl(), "create table kept (answer int)");
            execute(database.jdbcUrl(), "insert into kept values (7)");
            long first = database.postmasterPid();

            ProcessHandle.of(first).orElseThrow().destroyForcibly();

            long second = Awaitility.await("a new postmaster")
                    .atMost(Duration.ofSeconds(60))
                    .until(database::postmasterPid, pid -> pid > 0 && pid != first);
            // the same URL: the pool's connections come back by themselves
            assertThat(query(database.jdbcUrl(), "select answer from kept")).isEqualTo("7");
            assertThat(exit.called.getCount()).isEqualTo(1);

            ProcessHandle.of(second).orElseThrow().destroyForcibly();

            assertThat(exit.awaited()).as("the platform is told to exit").isTrue();
            assertThat(database.postmasterPid()).isEqualTo(-1);
        }
        // and the next start recovers what the killed server left
        try (EmbeddedDatabase again = EmbeddedDatabase.start(properties(dataDirectory, 0), new Exit())) {
            assertThat(query(again.jdbcUrl(), "select answer from kept")).isEqualTo("7");
        }
    }

    @Test
    void aLeftoverServerIsStoppedButAProcessThatOnlyInheritedItsIdIsLeftAlone() throws Exception {
        Exit exit = new Exit();
        Process sleeper = new ProcessBuilder("sleep", "600").start(); // outlives a slow start; destroyed at the end
        try (EmbeddedDatabase database = EmbeddedDatabase.start(properties(dataDirectory, 0), exit)) {
            ProcessHandle postmaster =
                    ProcessHandle.of(database.postmasterPid()).orElseThrow();
            assertThat(LeftoverServer.identify(postmaster, dataDirectory)).isEqualTo(LeftoverServer.Identity.OURS);
            assertThat(LeftoverServer.identify(postmaster, elsewhere)).isEqualTo(LeftoverServer.Identity.OTHER);
            assertThat(LeftoverServer.identify(ProcessHandle.current(), dataDirectory))
                    .isEqualTo(LeftoverServer.Identity.OTHER);

            // another directory's file naming this server: stale there, and this server untouched
            pidFile(elsewhere, postmaster.pid());
            LeftoverServer.clear(elsewhere, Duration.ofSeconds(30));
            assertThat(elsewhere.resolve(PostmasterPidFile.NAME)).doesNotExist();
            // a file naming a process that is not PostgreSQL: stale, and the process untouched
            pidFile(elsewhere, sleeper.pid());
            LeftoverServer.clear(elsewhere, Duration.ofSeconds(30));
            assertThat(elsewhere.resolve(PostmasterPidFile.NAME)).doesNotExist();
            assertThat(sleeper.isAlive()).isTrue();
            assertThat(postmaster.isAlive()).isTrue();
            // a file naming a process that is gone: left for PostgreSQL, which checks it itself
            Process ended = new ProcessBuilder("true").start();
            ended.waitFor();
            pidFile(elsewhere, ended.pid());
            LeftoverServer.clear(elsewhere, Duration.ofSeconds(30));
            assertThat(elsewhere.resolve(PostmasterPidFile.NAME)).exists();

            // this directory's own server, as a new start finds it when the platform died: stopped
            LeftoverServer.clear(dataDirectory, Duration.ofSeconds(30));

            assertThat(LeftoverServer.running(postmaster)).isFalse();
            assertThat(dataDirectory.resolve(PostmasterPidFile.NAME)).doesNotExist();
            // it was stopped under the running platform's feet: restarts=0, so the platform exits
            assertThat(exit.awaited()).isTrue();
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void theWatchdogStopsTheServerWhenThePlatformProcessEndsAndOnlyThatServer() throws Exception {
        Exit exit = new Exit();
        Process sleeper = new ProcessBuilder("sleep", "600").start(); // outlives a slow start; destroyed at the end
        try (EmbeddedDatabase database = EmbeddedDatabase.start(properties(dataDirectory, 0), exit)) {
            ProcessHandle postmaster =
                    ProcessHandle.of(database.postmasterPid()).orElseThrow();
            // a watchdog for a process the directory's postmaster.pid does not name does nothing
            PostmasterWatchdog astray = PostmasterWatchdog.start(sleeper.pid(), database.dataDirectory());
            astray.closePipe();
            assertThat(astray.awaitExit(Duration.ofSeconds(10))).isTrue();
            assertThat(sleeper.isAlive()).isTrue();
            assertThat(LeftoverServer.running(postmaster)).isTrue();

            // the end of the platform process closes the watchdog's pipe
            PostmasterWatchdog watchdog = PostmasterWatchdog.start(postmaster.pid(), database.dataDirectory());
            watchdog.closePipe();

            Awaitility.await("the server stopped by its watchdog")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> !LeftoverServer.running(postmaster));
            // a clean stop: PostgreSQL removed its postmaster.pid
            assertThat(dataDirectory.resolve(PostmasterPidFile.NAME)).doesNotExist();
            assertThat(exit.awaited()).isTrue();
            watchdog.close();
            astray.close();
        } finally {
            sleeper.destroyForcibly();
        }
    }

    private static void pidFile(Path directory, long pid) throws IOException {
        Files.writeString(directory.resolve(PostmasterPidFile.NAME), pid + "\n" + directory + "\n");
    }

    /** The embedded server's superuser password, from the file beside the data directory. */
    private String superuserPassword() throws IOException {
        return Files.readString(EmbeddedDatabaseRoles.passwordFile(dataDirectory))
                .strip();
    }

    private void execute(String url, String sql) throws SQLException, IOException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", superuserPassword());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private String query(String url, String sql) throws SQLException, IOException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", superuserPassword());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }
}

package io.tierserve.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ApiTest;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The console's session login in a real, headless Chromium driven by Selenium: sign in, see data
 * from {@code /api}, a change without the CSRF token refused, a wrong password shown and audited.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} ({@code .ci/run} installs them).
 * Without them the tests fail, on a developer machine as on CI: a skipped browser test would prove
 * nothing. Screenshots land in {@code target/browser/}.
 */
@ApiTest
class BrowserLoginTests {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path profile;

    private WebDriver browser;

    @BeforeAll
    static void chromiumIsInstalled() {
        // a missing browser fails the suite, like a missing data set: a skipped test proves nothing
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The browser tests need /usr/bin/chromium and /usr/bin/chromedriver:"
                    + " apt-get install -y chromium chromium-driver (.ci/run installs them)");
        }
    }

    @BeforeEach
    void startBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1200,900",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(WAIT);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    @Test
    void theStartPageShowsTheAddressItWasOpenedAt() {
        browser.get(url("/"));

        new WebDriverWait(browser, WAIT)
                .until(ExpectedConditions.textToBe(
                        By.id("try-it"), "curl -u admin:PASSWORD " + url("/api/tenants/demo/tiers")));
        assertThat(browser.getPageSource()).doesNotContain("localhost:8080");
    }

    private void signIn(String username, String password) {
        signIn(null, username, password);
    }

    /** Signs in on the login page; a null tenant leaves its field empty (a platform account). */
    private void signIn(String tenant, String username, String password) {
        browser.get(url("/login.html"));
        if (tenant != null) {
            browser.findElement(By.id("tenant")).sendKeys(tenant);
        }
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("submit")).click();
    }

    /** Runs {@code fetch} in the page, with the page's cookies, and returns the status. */
    private long fetchStatus(String script) {
        Object status = ((JavascriptExecutor) browser)
                .executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + script
                        + ".then(r => done(r.status)).catch(e => done(-1));");
        return ((Number) status).longValue();
    }

    private void screenshot(String name) throws IOException {
        Path directory = Files.createDirectories(Path.of("target", "browser"));
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), directory.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void theAdminSignsInSeesDataFromTheApiAndAChangeWithoutTheCsrfTokenIsRefused() throws IOException {
        String tenant = ApiClient.uniqueName("console");
        ApiClient.asAdmin(port).post("/api/tenants", "{\"name\":\"%s\",\"displayName\":\"Console\"}".formatted(tenant));

        signIn("admin", ApiClient.ADMIN_PASSWORD);

        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("loaded")));
        screenshot("console");
        assertThat(browser.getCurrentUrl()).endsWith("/console.html");
        assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("admin");
        assertThat(browser.findElement(By.cssSelector("tr[data-tenant='demo']")).getText())
                .contains("demo", "balanced", "exact", "fast");
        assertThat(browser.manage().getCookieNamed("JSESSIONID")).isNotNull();

        String tier = "JSON.stringify({name: '%s', objective: 'ACCURACY_TOLERANCE', accuracyTolerance: 0.02})";
        String path = "'/api/tenants/" + tenant + "/tiers'";
        long forged = fetchStatus("fetch(" + path + ", {method: 'POST', credentials: 'same-origin',"
                + " headers: {'Content-Type': 'application/json'}, body: " + tier.formatted("forged") + "})");
        long genuine = fetchStatus("fetch('/api/session').then(r => r.json()).then(s => fetch(" + path
                + ", {method: 'POST', credentials: 'same-origin', headers: {'Content-Type': 'application/json',"
                + " [s.csrfHeader]: s.csrfToken}, body: " + tier.formatted("genuine") + "}))");

        assertThat(forged).isEqualTo(403);
        assertThat(genuine).isEqualTo(201);
        assertThat(ApiClient.asAdmin(port)
                        .get("/api/tenants/" + tenant + "/tiers")
                        .names("content"))
                .containsExactly("genuine");
    }

    @Test
    void aTenantUserSignsInWithItsTenantAndTheConsoleShowsThatTenantOnly() throws IOException {
        String tenant = ApiClient.uniqueName("console");
        ApiClient platform = ApiClient.asAdmin(port);
        platform.post("/api/tenants", "{\"name\":\"%s\",\"displayName\":\"Console\"}".formatted(tenant));
        // user names are per tenant: "alice" may exist in other tenants too
        assertThat(platform.post(
                                "/api/tenants/" + tenant + "/users",
                                "{\"username\":\"alice\",\"password\":\"a-long-enough-password\",\"role\":\"TENANT_VIEWER\"}")
                        .status())
                .isEqualTo(201);

        signIn(tenant, "alice", "a-long-enough-password");

        new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("loaded")));
        screenshot("console-tenant-user");
        assertThat(browser.findElement(By.id("who")).getText()).isEqualTo(tenant + "/alice");
        assertThat(browser.findElement(By.id("tenant-name")).getText()).isEqualTo(tenant);
        assertThat(browser.findElement(By.id("tenant-picker")).isDisplayed()).isFalse();
        // the tenants the account may read, as the console loaded them: its own only
        assertThat(browser.findElements(By.cssSelector("#tenant option")))
                .extracting(option -> option.getAttribute("value"))
                .containsExactly(tenant);
    }

    @Test
    void aWrongPasswordShowsAnErrorAndWritesALoginFailureAuditEvent() throws IOException {
        String who = ApiClient.uniqueName("intruder");

        signIn(who, "not-the-password");

        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        screenshot("login-error");
        assertThat(browser.findElement(By.id("error")).getText()).contains("Wrong user name or password");
        assertThat(browser.getCurrentUrl()).endsWith("/login.html");
        Long failures = jdbc.queryForObject(
                "select count(*) from audit_events where action = 'auth.login_failed' and target_name = ?"
                        + " and actor = 'anonymous' and tenant_id is null",
                Long.class,
                who);
        assertThat(failures).isEqualTo(1);
    }

    @Test
    void theConsoleWithoutASessionSendsTheBrowserToTheLoginPage() {
        browser.get(url("/console.html"));

        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains("/login.html"));
        assertThat(browser.findElement(By.id("login")).isDisplayed()).isTrue();
    }
}

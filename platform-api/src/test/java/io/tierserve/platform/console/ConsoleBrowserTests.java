package io.tierserve.platform.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.tierserve.platform.ApiClient;
import io.tierserve.platform.ApiTest;
import io.tierserve.platform.ServedTenant;
import io.tierserve.platform.cascade.CascadeService;
import io.tierserve.platform.inference.InProcessWorker;
import io.tierserve.policy.profile.ProfileJson;
import io.tierserve.worker.profiling.DemoProfile;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The tenant admin console in a real, headless Chromium at 1280×800, each section's main flow as a
 * tenant admin, a viewer and a platform admin: the frontier of a cascade, a tier created and its
 * status, a key created and revoked, a version approved and rolled back, the audit chain verified,
 * a cascade created with an uploaded profile. One browser for the class; after every test the
 * browser's console log must hold no error (failed requests an action provoked on purpose aside).
 *
 * <p>{@code -Dtierserve.console.screenshots=DIR} saves a screenshot of every section to DIR
 * (the README's command writes {@code docs/console/}); without it they land in {@code
 * target/console/}. Needs Debian's {@code chromium} and {@code chromium-driver}, like {@code
 * BrowserLoginTests}.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTests {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PASSWORD = "console-test-password-1";
    private static final List<String> SECTIONS =
            List.of("Tenants", "Cascades", "Tiers", "Policies", "API keys", "Usage", "Drift", "Audit", "Users");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CascadeService cascades;

    @Autowired
    InProcessWorker worker;

    private WebDriver browser;
    private Path profileDirectory;
    private ServedTenant tenant;
    private String admin;
    private String viewer;
    /** Failed requests the current test provoked on purpose (a refused form), not errors of the page. */
    private final List<String> expectedFailures = new ArrayList<>();

    @BeforeAll
    void startBrowserAndServeATenant() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The browser tests need /usr/bin/chromium and /usr/bin/chromedriver:"
                    + " apt-get install -y chromium chromium-driver (.ci/run installs them)");
        }
        tenant = ServedTenant.create(port, jdbc, cascades, worker, "console");
        admin = ApiClient.uniqueName("admin");
        viewer = ApiClient.uniqueName("viewer");
        for (String[] user : new String[][] {{admin, "TENANT_ADMIN"}, {viewer, "TENANT_VIEWER"}}) {
            assertThat(tenant.admin()
                            .post(
                                    "/api/tenants/" + tenant.name() + "/users",
                                    "{\"username\":\"%s\",\"password\":\"%s\",\"role\":\"%s\"}"
                                            .formatted(user[0], PASSWORD, user[1]))
                            .status())
                    .isEqualTo(201);
        }
        profileDirectory = Files.createTempDirectory("console-chromium");
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
                "--window-size=1280,800",
                "--user-data-dir=" + profileDirectory.toAbsolutePath());
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(WAIT);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** No JavaScript error, and no failed request the test did not provoke, on any page it saw. */
    @AfterEach
    void theBrowserLoggedNoErrors() {
        List<String> severe = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()
                    && expectedFailures.stream().noneMatch(entry.getMessage()::contains)) {
                severe.add(entry.getMessage());
            }
        }
        expectedFailures.clear();
        assertThat(severe).as("SEVERE entries in the browser's console").isEmpty();
    }

    // ---- browser steps ----

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Signs in through the login page as the test tenant's {@code username} (any session before is dropped). */
    private void signIn(String username) {
        signIn(tenant.name(), username, PASSWORD);
    }

    /** Signs in as a user of {@code tenantName}, or as a platform account when it is null. */
    private void signIn(String tenantName, String username, String password) {
        browser.manage().deleteAllCookies();
        browser.get(url("/login.html"));
        if (tenantName != null) {
            browser.findElement(By.id("tenant")).sendKeys(tenantName);
        }
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("submit")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main[data-ready]")));
    }

    /** Opens a section by its navigation link and waits until it has rendered. */
    private void open(String link) {
        WebElement a = browser.findElement(By.linkText(link));
        String hash = a.getDomAttribute("href");
        a.click();
        waitReady(hash);
    }

    private void go(String hash) {
        js("window.location.hash = arguments[0]", hash);
        waitReady(hash);
    }

    /** Waits until the section at {@code hash} has been rendered. */
    private void waitReady(String hash) {
        new WebDriverWait(browser, WAIT).until(d -> (Boolean) js(
                "const m = document.getElementById('main');"
                        + " return !!m.dataset.ready && m.dataset.route === arguments[0];",
                hash));
    }

    /** Waits until whatever section is shown has been rendered (after a reload). */
    private void waitReady() {
        new WebDriverWait(browser, WAIT)
                .until(d -> (Boolean) js("return !!document.getElementById('main').dataset.ready;"));
    }

    private <T> T wait(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
        return new WebDriverWait(browser, WAIT).until(condition);
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private WebElement field(String id) {
        return browser.findElement(By.id(id));
    }

    private void type(String id, String text) {
        WebElement input = field(id);
        input.clear();
        input.sendKeys(text);
    }

    private void shot(String name) throws IOException {
        String configured = System.getProperty("tierserve.console.screenshots");
        Path directory = Files.createDirectories(
                configured == null || configured.isBlank() ? Path.of("target", "console") : Path.of(configured));
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), directory.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private String tenantPath(String path) {
        return "/api/tenants/" + tenant.name() + path;
    }

    // ---- the flows ----

    @Test
    void aTenantAdminSeesTheFrontierOfTheCascadeWithItsTiersAndTheSameNumbersInATable() {
        signIn(admin);
        open("Cascades");
        browser.findElement(By.linkText(ServedTenant.CASCADE)).click();
        waitReady("#/cascades/" + ServedTenant.CASCADE);

        WebElement chart = wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[role='img']")));
        assertThat(chart.getAttribute("aria-label")).containsIgnoringCase("frontier");
        wait(
                d -> js(
                        "const c = document.getElementById('frontier-chart').chart; return !!c && c.data.datasets.length > 0;"));
        @SuppressWarnings("unchecked")
        List<String> series = (List<String>)
                js("return document.getElementById('frontier-chart').chart.data.datasets.map(d => d.label);");
        JsonNode frontier = tenant.admin()
                .get(tenantPath("/cascades/" + ServedTenant.CASCADE + "/frontier"))
                .json();
        for (JsonNode family : frontier.path("families")) {
            assertThat(series)
                    .contains(family.path("family").asString().toLowerCase().replace('_', ' '));
        }
        assertThat(series).anyMatch(s -> s.startsWith("tier fast"));
        assertThat(series).contains("promise of fast");
        for (JsonNode tier : frontier.path("tiers")) {
            String row = browser.findElement(By.cssSelector(
                            "#frontier tr[data-tier='" + tier.path("tier").asString() + "']"))
                    .getText();
            assertThat(row)
                    .contains(tier.path("status").asString())
                    .contains(tier.path("promise").asString())
                    .contains(String.format(
                            java.util.Locale.ROOT, "%.4f", tier.path("accuracy").asDouble()));
        }
    }

    @Test
    void aTenantAdminCreatesATierSeesAFieldErrorAndThenItsStatus() {
        signIn(admin);
        open("Tiers");
        String name = ApiClient.uniqueName("gold");

        type("new-tier-name", name);
        type("new-tier-accuracyTolerance", "1.5");
        expectedFailures.add("/tiers");
        field("new-tier-submit").click();

        WebElement error =
                wait(ExpectedConditions.visibilityOfElementLocated(By.id("new-tier-accuracyTolerance-error")));
        assertThat(error.getText()).isNotBlank();
        assertThat(field("new-tier-accuracyTolerance").getAttribute("aria-invalid"))
                .isEqualTo("true");

        type("new-tier-accuracyTolerance", "0.03");
        type("new-tier-priority", "7");
        field("new-tier-submit").click();
        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-tier='" + name + "']")));
        assertThat(browser.findElement(By.cssSelector("tr[data-tier='" + name + "']"))
                        .getText())
                .contains("accuracy at most 0.03 below the best stage");

        // the tier's recomputation runs in the background; its status shows once it has
        new WebDriverWait(browser, Duration.ofSeconds(120))
                .pollingEvery(Duration.ofSeconds(2))
                .until(d -> {
                    browser.navigate().refresh();
                    waitReady();
                    return browser.findElement(By.cssSelector("tr[data-tier='" + name + "']"))
                            .getText()
                            .matches("(?s).*(MET|CONSERVATIVE|FALLBACK).*");
                });
        assertThat(browser.findElement(By.cssSelector("tr[data-tier='" + name + "']"))
                        .getText())
                .containsPattern("keeps its promise|misses its promise");
        assertThat(tenant.admin()
                        .get(tenantPath("/tiers/" + name))
                        .json()
                        .path("priority")
                        .asInt())
                .isEqualTo(7);
    }

    @Test
    void aTenantAdminCreatesAUserWhoSignsInThenChangesItsRoleAndDeletesIt() {
        signIn(admin);
        open("Users");
        String name = ApiClient.uniqueName("ops");

        type("new-user-username", name);
        type("new-user-password", "short");
        new org.openqa.selenium.support.ui.Select(field("new-user-role")).selectByValue("TENANT_VIEWER");
        expectedFailures.add("/users");
        field("new-user-submit").click();
        // the API's field error next to the field it names
        wait(ExpectedConditions.textMatches(By.id("new-user-password-error"), java.util.regex.Pattern.compile("\\S")));

        field("new-user-password").clear();
        type("new-user-password", PASSWORD);
        field("new-user-submit").click();
        WebElement row =
                wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-user='" + name + "']")));
        assertThat(row.getText()).contains(tenant.name() + "/" + name, "TENANT_VIEWER");

        browser.findElement(By.cssSelector("[aria-label='Make " + name + " TENANT_ADMIN']"))
                .click();
        wait(ExpectedConditions.textMatches(
                By.cssSelector("tr[data-user='" + name + "']"), java.util.regex.Pattern.compile("TENANT_ADMIN")));

        // the new user signs in with its tenant, as an admin now
        signIn(name);
        assertThat(browser.findElement(By.id("who")).getText()).isEqualTo(tenant.name() + "/" + name);

        signIn(admin);
        open("Users");
        browser.findElement(By.cssSelector("[aria-label='Delete user " + name + "']"))
                .click();
        wait(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("tr[data-user='" + name + "']")));
        assertThat(tenant.admin()
                        .get(tenantPath("/users?size=200"))
                        .json()
                        .path("content")
                        .valueStream()
                        .map(user -> user.path("username").asString())
                        .toList())
                .doesNotContain(name);
    }

    @Test
    void aTenantAdminCreatesAKeyThatIsShownOnceAndRevokesIt() {
        signIn(admin);
        open("API keys");
        String name = ApiClient.uniqueName("ci");

        type("new-key-form-name", name);
        field("new-key-form-submit").click();
        WebElement shown = wait(ExpectedConditions.presenceOfElementLocated(By.id("new-key")));
        String key = shown.getAttribute("value");
        assertThat(key).startsWith("ts_");
        assertThat(browser.findElement(By.id("copy-key")).isDisplayed()).isTrue();
        assertThat(browser.getCurrentUrl()).doesNotContain(key);
        assertThat(ApiClient.withKey(port, key)
                        .get("/v2/models/" + ServedTenant.CASCADE)
                        .status())
                .isEqualTo(200);

        field("revoke-" + name).click();
        wait(ExpectedConditions.textMatches(
                By.cssSelector("tr[data-key='" + name + "']"), java.util.regex.Pattern.compile("revoked")));
        // shown once: gone from the page after the change, and never part of its source
        assertThat(browser.findElements(By.id("new-key"))).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain(key);
        assertThat(ApiClient.withKey(port, key)
                        .get("/v2/models/" + ServedTenant.CASCADE)
                        .status())
                .isEqualTo(401);
    }

    @Test
    void aTenantAdminApprovesAPendingVersionAndRollsBack() {
        ApiClient api = tenant.admin();
        try {
            approveAndRollBack(api);
        } finally {
            api.put(tenantPath("/policy-settings"), "{\"activation\":\"AUTOMATIC\"}");
        }
    }

    private void approveAndRollBack(ApiClient api) {
        assertThat(api.put(tenantPath("/policy-settings"), "{\"activation\":\"APPROVAL\"}")
                        .status())
                .isEqualTo(200);
        ApiClient.Response uploaded = api.post(
                tenantPath("/cascades/" + ServedTenant.CASCADE + "/profiles?name=" + ApiClient.uniqueName("again")),
                ProfileJson.toJson(DemoProfile.load()));
        assertThat(uploaded.status()).isEqualTo(202);
        assertThat(ServedTenant.awaitJob(
                        jdbc, UUID.fromString(uploaded.json().path("jobId").asString())))
                .isEqualTo("SUCCEEDED");
        int pending = jdbc.queryForObject(
                "select max(v.version_number) from policy_versions v join tiers t on t.id = v.tier_id"
                        + " and t.tenant_id = v.tenant_id where v.tenant_id = ? and t.name = 'fast'"
                        + " and v.status = 'PENDING_APPROVAL'",
                Integer.class,
                tenant.id());

        signIn(admin);
        open("Policies");
        field("approve-fast-cpu-" + pending).click();
        waitStatus("fast-cpu-" + pending, "ACTIVE");
        assertThat(activeVersion("fast")).isEqualTo(pending);

        int earlier = pending - 1;
        field("activate-fast-cpu-" + earlier).click();
        waitStatus("fast-cpu-" + earlier, "ACTIVE");
        assertThat(activeVersion("fast")).isEqualTo(earlier);

        browser.findElement(By.cssSelector("tr[data-version='fast-cpu-" + earlier + "'] button"))
                .click();
        WebElement detail = wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".version-detail")));
        assertThat(detail.getText()).contains("held-out").contains("fast@cpu v" + earlier);
    }

    /** Waits until the version's row, rendered anew after a change, shows {@code status}. */
    private void waitStatus(String version, String status) {
        wait(d -> status.equals(js(
                "const row = document.querySelector(\"tr[data-version='\" + arguments[0] + \"']\");"
                        + " return row && row.dataset.status;",
                version)));
    }

    private int activeVersion(String tier) {
        return jdbc.queryForObject(
                "select v.version_number from policy_versions v join tiers t on t.id = v.tier_id"
                        + " and t.tenant_id = v.tenant_id where v.tenant_id = ? and t.name = ? and v.status = 'ACTIVE'",
                Integer.class,
                tenant.id(),
                tier);
    }

    @Test
    void aTenantAdminFiltersTheAuditTrailAndVerifiesTheChain() {
        signIn(admin);
        open("Audit");

        field("verify").click();
        wait(ExpectedConditions.textMatches(By.id("verify-result"), java.util.regex.Pattern.compile("intact")));
        assertThat(browser.findElement(By.id("verify-result")).getText()).startsWith("The chain is intact");

        type("audit-filter-action", "user.created");
        field("audit-filter-submit").click();
        @SuppressWarnings("unchecked")
        List<String> actions = wait(d -> {
            List<String> shown = (List<String>)
                    js("return [...document.querySelectorAll('tr[data-action]')].map(r => r.dataset.action);");
            return !shown.isEmpty() && shown.stream().allMatch("user.created"::equals) ? shown : null;
        });
        // the two users this class created
        assertThat(actions).hasSizeGreaterThanOrEqualTo(2);
        assertThat(browser.findElement(By.id("export")).getAttribute("href"))
                .contains("/audit/export?action=user.created");
    }

    @Test
    void aTenantAdminCreatesACascadeUploadsAProfileAndSeesItsFrontier() throws IOException {
        signIn(admin);
        open("Cascades");
        String name = ApiClient.uniqueName("uploaded");

        // a cascade without a profile has no frontier yet: the API's 404 is what the page shows
        expectedFailures.add(name + "/frontier");
        type("new-cascade-name", name);
        type("new-cascade-stages", "exit1\nexit2 < exit1\nexit3 < exit2");
        field("new-cascade-submit").click();
        waitReady("#/cascades/" + name);
        wait(ExpectedConditions.presenceOfElementLocated(By.id("no-frontier")));

        Path profile =
                Files.writeString(Files.createTempFile("profile", ".json"), ProfileJson.toJson(DemoProfile.load()));
        field("profile-upload-json").sendKeys(profile.toAbsolutePath().toString());
        field("profile-upload-submit").click();
        wait(ExpectedConditions.textMatches(By.id("notice"), java.util.regex.Pattern.compile("recomputation job")));
        new WebDriverWait(browser, Duration.ofSeconds(120))
                .pollingEvery(Duration.ofSeconds(2))
                .until(d -> {
                    browser.navigate().refresh();
                    waitReady();
                    return !browser.findElements(By.id("frontier-chart")).isEmpty();
                });
        assertThat(browser.findElement(By.cssSelector("#frontier tr[data-tier='fast']"))
                        .getText())
                .containsPattern("MET|CONSERVATIVE|FALLBACK");
        Files.delete(profile);
    }

    @Test
    void aViewerReadsEverySectionAndCanChangeNothing() {
        signIn(viewer);

        assertThat(browser.findElements(By.linkText("Tenants"))).isEmpty();
        for (String section : SECTIONS.subList(1, SECTIONS.size())) {
            open(section);
            assertThat(browser.findElements(By.cssSelector("main h1")))
                    .as(section)
                    .hasSize(1);
            assertThat(browser.findElements(By.cssSelector(
                            "#new-cascade, #edit-cascade, #profile-upload, #profile-measure, #new-tier, #edit-tier,"
                                    + " #new-key-form, #new-user, #toggle-approval, #drift-check, [id^='revoke-'],"
                                    + " [id^='approve-'], [id^='activate-'], [id^='upload-'], [id^='edit-']")))
                    .as(section)
                    .isEmpty();
        }
        go("#/cascades/" + ServedTenant.CASCADE);
        assertThat(browser.findElements(By.cssSelector("[role='img']"))).hasSize(1);

        // the API refuses a change anyway, with the session's CSRF token
        expectedFailures.add("/tiers");
        Object status = ((JavascriptExecutor) browser)
                .executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + "TS.api('POST', TS.t('/tiers'), {name: 'sneaky', objective: 'ACCURACY_TOLERANCE',"
                        + " accuracyTolerance: 0.1}).then(() => done(200)).catch(e => done(e.status));");
        assertThat(((Number) status).intValue()).isEqualTo(403);
    }

    /**
     * Every section as a platform admin on the demo tenant: one {@code h1}, every form field
     * labelled, nothing wider than the 1280×800 window, and a screenshot of each.
     */
    @Test
    void everySectionHasOneHeadingLabelledFieldsFitsTheWindowAndIsPhotographed() throws IOException {
        // some traffic for Usage, and enough runs of every stage for Drift's PSI
        ApiClient key = ApiClient.withKey(port, ApiClient.DEMO_API_KEY);
        for (String tier : List.of("fast", "balanced")) {
            key.post(
                    "/v1/cascades/fashion-mnist/predict",
                    "{\"tier\":\"%s\",\"inputs\":[%s]}".formatted(tier, String.join(",", ServedTenant.samples(0, 16))));
        }
        for (int from = 0; from < 224; from += 32) {
            key.post(
                    "/v1/cascades/fashion-mnist/predict",
                    "{\"tier\":\"exact\",\"inputs\":[%s]}".formatted(String.join(",", ServedTenant.samples(from, 32))));
        }
        signIn(null, "admin", ApiClient.ADMIN_PASSWORD);
        new Select(field("tenant")).selectByValue("demo");
        waitReady();

        for (String section : SECTIONS) {
            open(section);
            assertThat(browser.findElements(By.cssSelector("h1"))).as(section).hasSize(1);
            assertThat(js("return [...document.querySelectorAll('main input, main select, main textarea')]"
                            + ".filter(e => e.labels.length === 0).map(e => e.id);"))
                    .as("fields without a label in " + section)
                    .isEqualTo(List.of());
            assertThat(((Number) js("return document.documentElement.scrollWidth;")).intValue())
                    .as(section + " fits 1280 pixels")
                    .isLessThanOrEqualTo(1280);
            if (section.equals("Cascades")) {
                browser.findElement(By.linkText("fashion-mnist")).click();
                waitReady("#/cascades/fashion-mnist");
                wait(d -> js("const c = document.getElementById('frontier-chart'); return !!c && !!c.chart;"));
                js("document.getElementById('frontier').scrollIntoView();");
                shot("cascade");
                go("#/cascades");
            }
            shot(section.toLowerCase().replace(' ', '-'));
        }
    }
}

package com.salesconnect.tasksync.local.browser;

import com.salesconnect.tasksync.emulator.fault.FaultKind;
import com.salesconnect.tasksync.emulator.fault.FaultRule;
import com.salesconnect.tasksync.local.LocalOptions;
import com.salesconnect.tasksync.local.LocalRuntime;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import org.openqa.selenium.support.ui.Select;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Settings page's sync health in headless Chromium against a local run of its own (it moves the run's clock an
 * hour on): Salesforce answers a push with REQUEST_LIMIT_EXCEEDED (the emulator's fault injection), the page says
 * the change waits for the limit to reset and that there is nothing to do; once the limit has reset and a sweep ran,
 * the waiting change is gone and the last successful push is shown. A broken connection holds a change until the
 * user clicks the page's Reconnect and logs in to Salesforce again. Screenshots go to target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SyncHealthBrowserIT {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static LocalRuntime runtime;
    private static ChromeDriver browser;
    private static Path profile;

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(Chromium.ensureInstalled().isEmpty(), "browser test skipped: no Chromium");
        runtime = LocalRuntime.start(LocalOptions.parse(new String[]{"--port", "0", "--salesforce-port", "0"},
                name -> null), name -> null);
        profile = Files.createTempDirectory("chromium-profile-");
        browser = Chromium.start(profile, 1280, 1400);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (runtime != null) {
            runtime.close();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void aPushHeldByTheApiLimit_isShownAsWaitingWithNothingToDo_andClearsOnceTheLimitResets() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(runtime.appUrl() + "/");
        wait.until(ExpectedConditions.textToBe(By.id("connection-state"), "CONNECTED"));
        browser.findElement(By.id("sync-enabled")).click();
        browser.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.textToBe(By.id("first-sync-state"), "DONE"));
        wait.until(d -> !browser.findElement(By.id("health-pulled")).getAttribute("data-at").isEmpty());
        assertThat(browser.findElement(By.id("health-pushed")).getText()).isEqualTo("never");
        assertThat(browser.findElement(By.id("health-waiting-none")).isDisplayed()).isTrue();

        // Salesforce refuses the next collection create: the org's daily API limit is used up.
        runtime.emulator().orElseThrow().faults().add(FaultRule.next(FaultKind.REQUEST_LIMIT_EXCEEDED, 1)
                .matching("POST", "/composite/sobjects"));
        String subject = "Held by the limit " + UUID.randomUUID().toString().substring(0, 8);
        browser.get(runtime.appUrl() + "/command-center.html");
        browser.findElement(By.id("add-subject")).sendKeys(subject);
        browser.findElement(By.cssSelector("#add button[type=submit]")).click();
        wait.until(d -> texts("#tasks li.task .subject").contains(subject));

        browser.get(runtime.appUrl() + "/");
        WebElement waiting = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#health-waiting li.waiting[data-reason=LIMIT_REACHED]")));
        assertThat(waiting.getText()).startsWith("1 change").contains("API limit").contains("nothing to do");
        assertThat(waiting.findElements(By.cssSelector("button.action"))).as("nothing for the user to do").isEmpty();
        assertThat(browser.findElement(By.id("health-waiting-none")).isDisplayed()).isFalse();
        screenshot("health-1-waiting-for-the-limit");

        // The limit resets an hour later (Salesforce gave no time); the next sweep sends what waited.
        runtime.clock().setOffset(runtime.clock().offset().plus(Duration.ofMinutes(61)));
        browser.get(runtime.appUrl() + "/salesforce.html");
        browser.findElement(By.id("sweep")).click();
        new WebDriverWait(browser, Duration.ofMinutes(2)).until(
                ExpectedConditions.textMatches(By.id("sweep-message"), Pattern.compile("swept in .*")));
        wait.until(d -> texts("#rows td").contains(subject));

        browser.get(runtime.appUrl() + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("health-waiting-none")));
        assertThat(browser.findElements(By.cssSelector("#health-waiting li"))).isEmpty();
        wait.until(d -> !browser.findElement(By.id("health-pushed")).getAttribute("data-at").isEmpty());
        assertThat(browser.findElement(By.id("health-pushed")).getText()).isNotEqualTo("never");
        assertThat(browser.findElement(By.id("health-problems-none")).isDisplayed()).isTrue();
        screenshot("health-2-limit-reset-change-sent");
    }

    @Test
    @Order(2)
    void aBrokenConnection_holdsTheChange_untilTheUserClicksReconnect_andLogsInAgain() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(runtime.appUrl() + "/");
        wait.until(ExpectedConditions.textToBe(By.id("connection-state"), "CONNECTED"));
        if (!browser.findElement(By.id("sync-enabled")).isSelected()) {
            browser.findElement(By.id("sync-enabled")).click();
            browser.findElement(By.id("save")).click();
        }
        wait.until(ExpectedConditions.textToBe(By.id("first-sync-state"), "DONE"));
        // What the sync does when Salesforce answers the saved login with invalid_grant (access revoked there).
        SalesforceConnection c = runtime.stores().connections().get("demo").orElseThrow();
        runtime.stores().connections().save(new SalesforceConnection(c.userId(), c.orgId(), c.sfUserId(),
                c.instanceUrl(), c.encryptedRefreshToken(), ConnectionState.BROKEN, c.connectedAt(),
                "Salesforce no longer accepts the saved login: connect again", c.version()));

        String subject = "Held by the connection " + UUID.randomUUID().toString().substring(0, 8);
        browser.get(runtime.appUrl() + "/command-center.html");
        browser.findElement(By.id("add-subject")).sendKeys(subject);
        browser.findElement(By.cssSelector("#add button[type=submit]")).click();
        wait.until(d -> texts("#tasks li.task .subject").contains(subject));

        browser.get(runtime.appUrl() + "/");
        WebElement waiting = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#health-waiting li.waiting[data-reason=CONNECTION_BROKEN]")));
        assertThat(waiting.getText()).startsWith("1 change").contains("Reconnect");
        screenshot("health-3-connection-broken");

        waiting.findElement(By.cssSelector("button.action")).click();
        // The emulator's login page: log in as the same Salesforce user again.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login_hint")));
        new Select(browser.findElement(By.id("login_hint"))).selectByValue("demo@example.com");
        browser.findElement(By.id("Login")).click();
        wait.until(ExpectedConditions.textToBe(By.id("connect-message"), "Salesforce connected."));
        wait.until(ExpectedConditions.textToBe(By.id("connection-state"), "CONNECTED"));
        WebElement retrying = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#health-waiting li.waiting[data-reason=RETRYING]")));
        assertThat(retrying.findElements(By.cssSelector("button.action"))).isEmpty();

        // The held push is retried by the first sweep after its back-off (five minutes).
        runtime.clock().setOffset(runtime.clock().offset().plus(Duration.ofMinutes(6)));
        browser.get(runtime.appUrl() + "/salesforce.html");
        browser.findElement(By.id("sweep")).click();
        new WebDriverWait(browser, Duration.ofMinutes(2)).until(
                ExpectedConditions.textMatches(By.id("sweep-message"), Pattern.compile("swept in .*")));
        wait.until(d -> texts("#rows td").contains(subject));
        browser.get(runtime.appUrl() + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("health-waiting-none")));
        assertThat(browser.findElements(By.cssSelector("#health-waiting li"))).isEmpty();
        screenshot("health-4-reconnected");
    }

    @SuppressWarnings("unchecked")
    private static List<String> texts(String selector) {
        return (List<String>) browser.executeScript(
                "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent)", selector);
    }

    private static void screenshot(String name) {
        try {
            Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

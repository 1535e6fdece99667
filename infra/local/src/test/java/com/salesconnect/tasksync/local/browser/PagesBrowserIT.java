package com.salesconnect.tasksync.local.browser;

import com.salesconnect.tasksync.local.LocalOptions;
import com.salesconnect.tasksync.local.LocalRuntime;
import com.salesconnect.tasksync.local.seed.DemoData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages in headless Chromium against a local run: tick "Sync tasks with Salesforce", Save, watch the first
 * sync finish, and find exactly the imported tasks due today or tomorrow on the Command Center; then add a task
 * there and watch it arrive in Salesforce. Screenshots go to target/screenshots.
 */
class PagesBrowserIT {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static LocalRuntime runtime;
    private static ChromeDriver browser;
    private static Path profile;

    @BeforeAll
    static void start() throws IOException {
        Optional<String> missing = Chromium.ensureInstalled();
        Assumptions.assumeTrue(missing.isEmpty(), () -> "browser test skipped: " + missing.orElse(""));
        runtime = LocalRuntime.start(LocalOptions.parse(new String[]{"--port", "0", "--salesforce-port", "0"},
                name -> null), name -> null);
        profile = Files.createTempDirectory("chromium-profile-");
        browser = Chromium.start(profile, 1280, 900);
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
    void tickSyncAndSave_thenTheCommandCenterShowsTheImportedTasksDueTodayOrTomorrow() {
        browser.get(runtime.appUrl() + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.textToBe(By.id("connection-state"), "CONNECTED"));
        WebElement checkbox = browser.findElement(By.id("sync-enabled"));
        assertThat(checkbox.isSelected()).isFalse();
        screenshot("1-settings-before");

        checkbox.click();
        browser.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.textToBe(By.id("first-sync-state"), "DONE"));
        assertThat(browser.findElement(By.id("first-sync-imported")).getText()).isEqualTo("4 task(s) imported");
        screenshot("2-settings-first-sync-done");

        browser.get(runtime.appUrl() + "/command-center.html");
        wait.until(ExpectedConditions.attributeToBe(By.id("tasks"), "data-loaded", "true"));
        screenshot("3-command-center");
        LocalDate today = LocalDate.ofInstant(runtime.clock().now(), ZoneOffset.UTC);
        assertThat(subjects()).containsExactlyInAnyOrderElementsOf(new DemoData(runtime.clock().clock())
                .salesforceTasks().stream()
                .filter(t -> t.imported() && t.due() != null && !t.due().isAfter(today.plusDays(1)))
                .map(DemoData.SeededTask::subject).toList());

        String subject = "Added in the browser " + UUID.randomUUID().toString().substring(0, 8);
        browser.findElement(By.id("add-subject")).sendKeys(subject);
        browser.findElement(By.cssSelector("#add button[type=submit]")).click();
        wait.until(d -> subjects().contains(subject));
        browser.get(runtime.appUrl() + "/salesforce.html");
        wait.until(d -> texts("#rows td").contains(subject));
        screenshot("4-salesforce-has-the-added-task");
    }

    @Test
    void actingAsTheSalesforceUserOnItsPage_createEditDeleteUndeleteComplete_reachSalesConnect() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        enableSyncForDemo(wait);
        String today = LocalDate.ofInstant(runtime.clock().now(), ZoneOffset.UTC).toString();
        String subject = "Made in Salesforce " + UUID.randomUUID().toString().substring(0, 8);

        browser.get(runtime.appUrl() + "/salesforce.html");
        wait.until(ExpectedConditions.attributeToBe(By.id("rows"), "data-loaded", "true"));
        assertThat(browser.findElement(By.id("as")).getAttribute("value")).isEqualTo("demo@example.com");
        browser.findElement(By.id("sf-subject")).sendKeys(subject);
        browser.executeScript("document.getElementById('sf-due').value = arguments[0]", today);
        browser.findElement(By.id("sf-submit")).click();
        wait.until(d -> texts("#rows td").contains(subject));
        screenshot("5-salesforce-created");
        awaitOnCommandCenter(wait, subject, true);

        String edited = subject + " (edited)";
        onSalesforceRow(wait, subject, "button.edit");
        WebElement input = browser.findElement(By.id("sf-subject"));
        input.clear();
        input.sendKeys(edited);
        browser.findElement(By.id("sf-submit")).click();
        wait.until(d -> texts("#rows td").contains(edited));
        awaitOnCommandCenter(wait, edited, true);

        onSalesforceRow(wait, edited, "button.delete");
        wait.until(d -> !browser.findElements(By.cssSelector("#rows tr.deleted button.undelete")).isEmpty()
                && texts("#rows tr.deleted td").contains(edited));
        sweepFromThePage(wait);
        awaitOnCommandCenter(wait, edited, false);

        onSalesforceRow(wait, edited, "button.undelete");
        wait.until(d -> !texts("#rows tr.deleted td").contains(edited));
        sweepFromThePage(wait);
        awaitOnCommandCenter(wait, edited, true);

        onSalesforceRow(wait, edited, "button.complete");
        wait.until(d -> rowTexts(edited).contains("Completed"));
        screenshot("6-salesforce-completed");
        awaitOnCommandCenter(wait, edited, false);
    }

    /** Ticks "Sync tasks with Salesforce" unless it is on already (the tests share one run, in any order). */
    private static void enableSyncForDemo(WebDriverWait wait) {
        browser.get(runtime.appUrl() + "/");
        wait.until(ExpectedConditions.textToBe(By.id("connection-state"), "CONNECTED"));
        WebElement checkbox = browser.findElement(By.id("sync-enabled"));
        if (!checkbox.isSelected()) {
            checkbox.click();
            browser.findElement(By.id("save")).click();
        }
        wait.until(ExpectedConditions.textToBe(By.id("first-sync-state"), "DONE"));
    }

    private static void onSalesforceRow(WebDriverWait wait, String subject, String button) {
        browser.get(runtime.appUrl() + "/salesforce.html");
        wait.until(d -> rowTexts(subject).size() > 0);
        // The table re-renders every 2 seconds: find the row and click in one script.
        wait.until(d -> (Boolean) browser.executeScript("""
                const row = Array.from(document.querySelectorAll('#rows tr'))
                    .find(tr => tr.firstElementChild && tr.firstElementChild.textContent === arguments[0]);
                const b = row && row.querySelector(arguments[1]);
                if (b) { b.click(); }
                return !!b;""", subject, button));
    }

    @SuppressWarnings("unchecked")
    private static List<String> rowTexts(String subject) {
        return (List<String>) browser.executeScript("""
                const row = Array.from(document.querySelectorAll('#rows tr'))
                    .find(tr => tr.firstElementChild && tr.firstElementChild.textContent === arguments[0]);
                return row ? Array.from(row.children).map(td => td.textContent) : [];""", subject);
    }

    private static void sweepFromThePage(WebDriverWait wait) {
        browser.findElement(By.id("sweep")).click();
        new WebDriverWait(browser, Duration.ofMinutes(2)).until(
                ExpectedConditions.textMatches(By.id("sweep-message"), java.util.regex.Pattern.compile("swept in .*")));
    }

    private static void awaitOnCommandCenter(WebDriverWait wait, String subject, boolean shown) {
        browser.get(runtime.appUrl() + "/command-center.html");
        wait.until(ExpectedConditions.attributeToBe(By.id("tasks"), "data-loaded", "true"));
        wait.until(d -> texts("#tasks li.task .subject").contains(subject) == shown);
    }

    private List<String> subjects() {
        return texts("#tasks li.task .subject");
    }

    /** The texts of the elements matching {@code selector}, read in one go: the pages re-render every 2 seconds. */
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

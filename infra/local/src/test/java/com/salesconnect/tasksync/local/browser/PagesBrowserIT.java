package com.salesconnect.tasksync.local.browser;

import com.salesconnect.tasksync.local.seed.DemoData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages in headless Chromium against a local run: tick "Sync tasks with Salesforce", Save, watch the first
 * sync finish, and find exactly the imported tasks due today or tomorrow on the Command Center; then add a task
 * there and watch it arrive in Salesforce. Screenshots go to target/screenshots.
 */
class PagesBrowserIT {

    @RegisterExtension
    static final LocalRunInChromium run = new LocalRunInChromium(1280, 900);

    @Test
    void tickSyncAndSave_thenTheCommandCenterShowsTheImportedTasksDueTodayOrTomorrow() {
        run.open("/");
        WebDriverWait wait = new WebDriverWait(run.browser(), Duration.ofSeconds(30));
        wait.until(ExpectedConditions.textToBe(By.id("connection-state"), "CONNECTED"));
        WebElement checkbox = run.browser().findElement(By.id("sync-enabled"));
        assertThat(checkbox.isSelected()).isFalse();
        run.screenshot("1-settings-before");

        checkbox.click();
        run.browser().findElement(By.id("save")).click();
        wait.until(ExpectedConditions.textToBe(By.id("first-sync-state"), "DONE"));
        assertThat(run.browser().findElement(By.id("first-sync-imported")).getText()).isEqualTo("4 task(s) imported");
        run.screenshot("2-settings-first-sync-done");

        run.open("/command-center.html");
        wait.until(ExpectedConditions.attributeToBe(By.id("tasks"), "data-loaded", "true"));
        run.screenshot("3-command-center");
        LocalDate today = LocalDate.ofInstant(run.runtime().clock().now(), ZoneOffset.UTC);
        assertThat(subjects()).containsExactlyInAnyOrderElementsOf(new DemoData(run.runtime().clock().clock())
                .salesforceTasks().stream()
                .filter(t -> t.imported() && t.due() != null && !t.due().isAfter(today.plusDays(1)))
                .map(DemoData.SeededTask::subject).toList());

        String subject = "Added in the browser " + UUID.randomUUID().toString().substring(0, 8);
        run.browser().findElement(By.id("add-subject")).sendKeys(subject);
        run.browser().findElement(By.cssSelector("#add button[type=submit]")).click();
        wait.until(d -> subjects().contains(subject));
        run.open("/salesforce.html");
        wait.until(d -> run.texts("#rows td").contains(subject));
        run.screenshot("4-salesforce-has-the-added-task");
    }

    @Test
    void actingAsTheSalesforceUserOnItsPage_createEditDeleteUndeleteComplete_reachSalesConnect() {
        WebDriverWait wait = new WebDriverWait(run.browser(), Duration.ofSeconds(30));
        run.enableSync(wait);
        String today = LocalDate.ofInstant(run.runtime().clock().now(), ZoneOffset.UTC).toString();
        String subject = "Made in Salesforce " + UUID.randomUUID().toString().substring(0, 8);

        run.open("/salesforce.html");
        wait.until(ExpectedConditions.attributeToBe(By.id("rows"), "data-loaded", "true"));
        assertThat(run.browser().findElement(By.id("as")).getAttribute("value")).isEqualTo("demo@example.com");
        run.browser().findElement(By.id("sf-subject")).sendKeys(subject);
        run.browser().executeScript("document.getElementById('sf-due').value = arguments[0]", today);
        run.browser().findElement(By.id("sf-submit")).click();
        wait.until(d -> run.texts("#rows td").contains(subject));
        run.screenshot("5-salesforce-created");
        awaitOnCommandCenter(wait, subject, true);

        String edited = subject + " (edited)";
        onSalesforceRow(wait, subject, "button.edit");
        WebElement input = run.browser().findElement(By.id("sf-subject"));
        input.clear();
        input.sendKeys(edited);
        run.browser().findElement(By.id("sf-submit")).click();
        wait.until(d -> run.texts("#rows td").contains(edited));
        awaitOnCommandCenter(wait, edited, true);

        onSalesforceRow(wait, edited, "button.delete");
        wait.until(d -> !run.browser().findElements(By.cssSelector("#rows tr.deleted button.undelete")).isEmpty()
                && run.texts("#rows tr.deleted td").contains(edited));
        run.sweepFromThePage();
        awaitOnCommandCenter(wait, edited, false);

        onSalesforceRow(wait, edited, "button.undelete");
        wait.until(d -> !run.texts("#rows tr.deleted td").contains(edited));
        run.sweepFromThePage();
        awaitOnCommandCenter(wait, edited, true);

        onSalesforceRow(wait, edited, "button.complete");
        wait.until(d -> rowTexts(edited).contains("Completed"));
        run.screenshot("6-salesforce-completed");
        awaitOnCommandCenter(wait, edited, false);
    }

    @Test
    void commandCenter_showsItsFirstPage_andTheNextOnShowMore() throws Exception {
        String user = "pager-" + UUID.randomUUID();
        LocalDate today = LocalDate.ofInstant(run.runtime().clock().now(), ZoneOffset.UTC);
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 101; i++) {
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(run.runtime().appUrl() + "/tasks"))
                    .header("Authorization", "Bearer dev:" + user).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(String.format(
                            "{\"subject\": \"page task %03d\", \"dueDate\": \"%s\"}", i, today)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        WebDriverWait wait = new WebDriverWait(run.browser(), Duration.ofSeconds(30));
        run.open("/command-center.html");
        run.browser().executeScript("localStorage.setItem('tasksync.user', arguments[0])", user);
        try {
            run.open("/command-center.html");
            wait.until(d -> subjects().size() == 100);
            WebElement more = run.browser().findElement(By.id("more"));
            assertThat(more.isDisplayed()).isTrue();

            more.click();

            wait.until(d -> subjects().size() == 101);
            assertThat(run.browser().findElement(By.id("more")).isDisplayed()).isFalse();
            assertThat(subjects()).doesNotHaveDuplicates();
        } finally {
            run.browser().executeScript("localStorage.removeItem('tasksync.user')");
        }
    }

    private void onSalesforceRow(WebDriverWait wait, String subject, String button) {
        run.open("/salesforce.html");
        wait.until(d -> rowTexts(subject).size() > 0);
        // The table re-renders every 2 seconds: find the row and click in one script.
        wait.until(d -> (Boolean) run.browser().executeScript("""
                const row = Array.from(document.querySelectorAll('#rows tr'))
                    .find(tr => tr.firstElementChild && tr.firstElementChild.textContent === arguments[0]);
                const b = row && row.querySelector(arguments[1]);
                if (b) { b.click(); }
                return !!b;""", subject, button));
    }

    @SuppressWarnings("unchecked")
    private List<String> rowTexts(String subject) {
        return (List<String>) run.browser().executeScript("""
                const row = Array.from(document.querySelectorAll('#rows tr'))
                    .find(tr => tr.firstElementChild && tr.firstElementChild.textContent === arguments[0]);
                return row ? Array.from(row.children).map(td => td.textContent) : [];""", subject);
    }

    private void awaitOnCommandCenter(WebDriverWait wait, String subject, boolean shown) {
        run.open("/command-center.html");
        wait.until(ExpectedConditions.attributeToBe(By.id("tasks"), "data-loaded", "true"));
        wait.until(d -> run.texts("#tasks li.task .subject").contains(subject) == shown);
    }

    private List<String> subjects() {
        return run.texts("#tasks li.task .subject");
    }
}

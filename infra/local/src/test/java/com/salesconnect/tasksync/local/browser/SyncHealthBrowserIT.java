package com.salesconnect.tasksync.local.browser;

import com.salesconnect.tasksync.emulator.fault.FaultKind;
import com.salesconnect.tasksync.emulator.fault.FaultRule;
import com.salesconnect.tasksync.emulator.outbound.DeliveryLogEntry;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.settings.ConnectionState;
import com.salesconnect.tasksync.settings.SalesforceConnection;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Settings page's sync health in headless Chromium against a local run of its own (it moves the run's clock an
 * hour on): Salesforce answers a push with REQUEST_LIMIT_EXCEEDED (the emulator's fault injection), the page says
 * the change waits for the limit to reset and that there is nothing to do; once the limit has reset and a sweep ran,
 * the waiting change is gone and the last successful push is shown. A broken connection holds a change until the
 * user clicks the page's Reconnect and logs in to Salesforce again. A value Salesforce rejects (a validation rule)
 * is shown with Salesforce's reason and an "Edit the task" link to the task's form, where the fix sends it again.
 * An edit of the same field on both sides is listed among the recent conflicts with the side that won. Screenshots
 * go to target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SyncHealthBrowserIT {

    @RegisterExtension
    static final LocalRunInChromium run = new LocalRunInChromium(1280, 1400);

    @Test
    @Order(1)
    void aPushHeldByTheApiLimit_isShownAsWaitingWithNothingToDo_andClearsOnceTheLimitResets() {
        WebDriverWait wait = new WebDriverWait(run.browser(), Duration.ofSeconds(30));
        run.enableSync(wait);
        run.awaitAttributeNotEmpty(wait, "health-pulled", "data-at");
        assertThat(run.browser().findElement(By.id("health-pushed")).getText()).isEqualTo("never");
        assertThat(run.browser().findElement(By.id("health-waiting-none")).isDisplayed()).isTrue();

        // Salesforce refuses the next collection create: the org's daily API limit is used up.
        run.runtime().emulator().orElseThrow().faults().add(FaultRule.next(FaultKind.REQUEST_LIMIT_EXCEEDED, 1)
                .matching("POST", "/composite/sobjects"));
        String subject = "Held by the limit " + UUID.randomUUID().toString().substring(0, 8);
        run.addTaskOnCommandCenter(wait, subject);

        run.open("/");
        WebElement waiting = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#health-waiting li.waiting[data-reason=LIMIT_REACHED]")));
        assertThat(waiting.getText()).startsWith("1 change").contains("API limit").contains("nothing to do");
        assertThat(waiting.findElements(By.cssSelector("button.action"))).as("nothing for the user to do").isEmpty();
        assertThat(run.browser().findElement(By.id("health-waiting-none")).isDisplayed()).isFalse();
        run.screenshot("health-1-waiting-for-the-limit");

        // The limit resets an hour later (Salesforce gave no time); the next sweep sends what waited.
        run.runtime().clock().setOffset(run.runtime().clock().offset().plus(Duration.ofMinutes(61)));
        sweepUntilSentAndNothingWaits(wait, subject);
        run.awaitAttributeNotEmpty(wait, "health-pushed", "data-at");
        assertThat(run.browser().findElement(By.id("health-pushed")).getText()).isNotEqualTo("never");
        assertThat(run.browser().findElement(By.id("health-problems-none")).isDisplayed()).isTrue();
        run.screenshot("health-2-limit-reset-change-sent");
    }

    @Test
    @Order(2)
    void aBrokenConnection_holdsTheChange_untilTheUserClicksReconnect_andLogsInAgain() {
        WebDriverWait wait = new WebDriverWait(run.browser(), Duration.ofSeconds(30));
        run.enableSync(wait);
        // What the sync does when Salesforce answers the saved login with invalid_grant (access revoked there).
        SalesforceConnection c = run.runtime().stores().connections().get(UserId.of("demo")).orElseThrow();
        run.runtime().stores().connections().save(new SalesforceConnection(c.userId(), c.orgId(), c.sfUserId(),
                c.instanceUrl(), c.encryptedRefreshToken(), ConnectionState.BROKEN, c.connectedAt(),
                "Salesforce no longer accepts the saved login: connect again", c.version()));

        String subject = "Held by the connection " + UUID.randomUUID().toString().substring(0, 8);
        run.addTaskOnCommandCenter(wait, subject);

        run.open("/");
        WebElement waiting = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#health-waiting li.waiting[data-reason=CONNECTION_BROKEN]")));
        assertThat(waiting.getText()).startsWith("1 change").contains("Reconnect");
        run.screenshot("health-3-connection-broken");

        waiting.findElement(By.cssSelector("button.action")).click();
        // The emulator's login page: log in as the same Salesforce user again.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login_hint")));
        new Select(run.browser().findElement(By.id("login_hint"))).selectByValue("demo@example.com");
        run.browser().findElement(By.id("Login")).click();
        wait.until(ExpectedConditions.textToBe(By.id("connect-message"), "Salesforce connected."));
        wait.until(ExpectedConditions.textToBe(By.id("connection-state"), "CONNECTED"));
        WebElement retrying = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#health-waiting li.waiting[data-reason=RETRYING]")));
        assertThat(retrying.findElements(By.cssSelector("button.action"))).isEmpty();

        // The held push is retried by the first sweep after its back-off (five minutes).
        run.runtime().clock().setOffset(run.runtime().clock().offset().plus(Duration.ofMinutes(6)));
        sweepUntilSentAndNothingWaits(wait, subject);
        run.screenshot("health-4-reconnected");
    }

    @Test
    @Order(3)
    void aValueSalesforceRejects_isShownWithItsReason_andTheEditTheTaskLinkLeadsToTheFixThatSendsIt() {
        WebDriverWait wait = new WebDriverWait(run.browser(), Duration.ofSeconds(30));
        run.enableSync(wait);
        // An admin's validation rule in Salesforce refuses the next created task (FIELD_CUSTOM_VALIDATION_EXCEPTION).
        run.runtime().emulator().orElseThrow().faults().add(FaultRule.next(FaultKind.VALIDATION_RULE, 1)
                .matching("POST", "/composite/sobjects"));
        String subject = "Refused by a rule " + UUID.randomUUID().toString().substring(0, 8);
        run.addTaskOnCommandCenter(wait, subject);

        run.open("/");
        WebElement problem = wait.until(d -> d.findElements(By.cssSelector("#health-problems li.problem")).stream()
                .filter(li -> li.getText().contains(subject)).findFirst().orElse(null));
        assertThat(problem.getText()).contains("Salesforce did not accept the change")
                .contains("Due Date within the next 90 days").contains("Edit the task to send it again");
        assertThat(run.browser().findElement(By.id("health-problems-none")).isDisplayed()).isFalse();
        WebElement action = problem.findElement(By.cssSelector("a.action"));
        assertThat(action.getText()).isEqualTo("Edit the task");
        run.screenshot("health-5-value-rejected");

        // The link opens the task on its own form; the user changes it and saves: the change is sent again.
        action.click();
        wait.until(ExpectedConditions.attributeToBe(By.id("edit-task"), "data-loaded", "true"));
        WebElement edited = run.browser().findElement(By.id("edit-subject"));
        assertThat(edited.getAttribute("value")).isEqualTo(subject);
        edited.sendKeys(" (fixed)");
        run.browser().findElement(By.id("edit-save")).click();
        wait.until(ExpectedConditions.textToBe(By.id("edit-message"), "Saved."));
        wait.until(d -> run.runtime().emulator().orElseThrow().org().tasks().stream()
                .anyMatch(t -> (subject + " (fixed)").equals(t.get("Subject"))));

        run.open("/");
        wait.until(d -> d.findElement(By.id("health")).getAttribute("data-loaded") != null);
        wait.until(d -> run.texts("#health-problems li").stream().noneMatch(text -> text.contains(subject)));
        run.screenshot("health-6-value-fixed");
    }

    @Test
    @Order(4)
    void anEditOnBothSidesOfTheSameField_isListedAmongTheConflicts_withTheSideThatWon() throws InterruptedException {
        WebDriverWait wait = new WebDriverWait(run.browser(), Duration.ofSeconds(30));
        run.enableSync(wait);
        String subject = "Edited on both sides " + UUID.randomUUID().toString().substring(0, 8);
        run.addTaskOnCommandCenter(wait, subject);
        var emulator = run.runtime().emulator().orElseThrow();
        String sfId = wait.until(d -> emulator.org().tasks().stream().filter(t -> subject.equals(t.get("Subject")))
                .map(t -> t.id()).findFirst().orElse(null));
        String taskId = (String) run.browser().executeScript("return Array.from(document.querySelectorAll("
                + "'#tasks li.task')).find(li => li.querySelector('.subject').textContent === arguments[0]).dataset.id",
                subject);

        // The Salesforce user renames it; the outbound message and the change event of that edit are lost, so
        // Sales Connect does not know, and a minute later the Sales Connect user renames it too: the push finds both
        // changed. (The create's own message and event go first, so that the lost ones are the edit's.)
        assertThat(emulator.outbound().awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(emulator.changeEvents().awaitIdle(Duration.ofSeconds(30))).isTrue();
        int dropped = droppedMessages();
        emulator.outbound().dropNext(1);
        emulator.changeEvents().dropNext(1);
        emulator.org().updateTask("demo@example.com", sfId, java.util.Map.of("Subject", subject + " (Salesforce)"));
        wait.until(d -> droppedMessages() > dropped);
        run.runtime().clock().setOffset(run.runtime().clock().offset().plus(Duration.ofMinutes(1)));
        run.open("/command-center.html#task=" + taskId);
        wait.until(ExpectedConditions.attributeToBe(By.id("edit-task"), "data-loaded", "true"));
        WebElement edited = run.browser().findElement(By.id("edit-subject"));
        edited.clear();
        edited.sendKeys(subject + " (Sales Connect)");
        run.browser().findElement(By.id("edit-save")).click();
        wait.until(ExpectedConditions.textToBe(By.id("edit-message"), "Saved."));
        // The later edit wins (SPEC §3, Conflicts), in Salesforce too.
        wait.until(d -> emulator.org().task(sfId).map(t -> t.get("Subject")).orElse(null)
                .equals(subject + " (Sales Connect)"));

        run.open("/");
        WebElement conflict = wait.until(d -> d.findElements(By.cssSelector("#health-conflicts li.conflict")).stream()
                .filter(li -> li.getText().contains(subject)).findFirst().orElse(null));
        assertThat(conflict.findElement(By.cssSelector(".winner")).getText()).isEqualTo("Sales Connect won");
        assertThat(conflict.findElement(By.cssSelector(".fields")).getText()).containsIgnoringCase("subject");
        assertThat(conflict.findElement(By.cssSelector("a.task")).getAttribute("href"))
                .endsWith("#task=" + taskId);
        assertThat(run.browser().findElement(By.id("health-conflicts-none")).isDisplayed()).isFalse();
        run.screenshot("health-7-conflict");
    }

    private static int droppedMessages() {
        return (int) run.runtime().emulator().orElseThrow().outbound().log().stream()
                .filter(e -> e.outcome() == DeliveryLogEntry.Outcome.DROPPED)
                .count();
    }

    /** Sweeps from the Salesforce page until it lists the held task, then finds nothing waiting on Settings. */
    private static void sweepUntilSentAndNothingWaits(WebDriverWait wait, String subject) {
        run.open("/salesforce.html");
        run.sweepFromThePage();
        wait.until(d -> run.texts("#rows td").contains(subject));
        run.open("/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("health-waiting-none")));
        assertThat(run.browser().findElements(By.cssSelector("#health-waiting li"))).isEmpty();
    }
}

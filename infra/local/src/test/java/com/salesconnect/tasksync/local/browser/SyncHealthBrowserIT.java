package com.salesconnect.tasksync.local.browser;

import com.salesconnect.tasksync.emulator.fault.FaultKind;
import com.salesconnect.tasksync.emulator.fault.FaultRule;
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
 * user clicks the page's Reconnect and logs in to Salesforce again. Screenshots go to target/screenshots.
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

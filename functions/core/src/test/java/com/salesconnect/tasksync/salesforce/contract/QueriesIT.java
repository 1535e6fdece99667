package com.salesconnect.tasksync.salesforce.contract;

import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import com.salesconnect.tasksync.emulator.EmulatorConfig;
import com.salesconnect.tasksync.emulator.org.OrgSeed;
import com.salesconnect.tasksync.emulator.org.SeedData;
import com.salesconnect.tasksync.emulator.sobject.PicklistValue;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.salesforce.SalesforceApi;
import com.salesconnect.tasksync.salesforce.SalesforceApi.ApiUsage;
import com.salesconnect.tasksync.salesforce.SalesforceApi.DeletedRecords;
import com.salesconnect.tasksync.salesforce.SalesforceApi.QueryPage;
import com.salesconnect.tasksync.salesforce.SalesforceApi.UpdatedRecords;
import com.salesconnect.tasksync.salesforce.SalesforceIds;
import com.salesconnect.tasksync.salesforce.SalesforceRequestException;
import com.salesconnect.tasksync.salesforce.SaveResult;
import com.salesconnect.tasksync.salesforce.SfWrite;
import com.salesconnect.tasksync.salesforce.Soql;
import com.salesconnect.tasksync.settings.ImportCursor;
import com.salesconnect.tasksync.sync.TaskQueries;
import com.salesconnect.tasksync.sync.TaskQuery;
import com.salesconnect.tasksync.task.SfTask;
import com.salesconnect.tasksync.task.TaskStatus;
import com.salesconnect.tasksync.task.TaskStatuses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

import static com.salesconnect.tasksync.salesforce.contract.EmulatedSalesforce.DEMO;
import static com.salesconnect.tasksync.salesforce.contract.EmulatedSalesforce.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reads through the client against the emulator's SOQL engine: paging, the recycle bin, the replication windows,
 * the org's TaskStatus picklist, API usage, and values bound so that they cannot change a statement.
 */
@AwsEngineTest
class QueriesIT {

    private static final int PAGE_SIZE = 5;

    private final AwsResources aws;
    private final List<EmulatedSalesforce> started = new ArrayList<>();

    QueriesIT(AwsResources aws) {
        this.aws = aws;
    }

    @AfterEach
    void stop() {
        started.forEach(EmulatedSalesforce::close);
    }

    private EmulatedSalesforce org(UnaryOperator<EmulatorConfig> customise) {
        EmulatedSalesforce org = new EmulatedSalesforce(aws, customise);
        started.add(org);
        return org;
    }

    /** An org with small query pages and the demo user connected; returns the user's API. */
    private SalesforceApi connected(EmulatedSalesforce org) {
        String userId = EmulatedSalesforce.uniqueUser();
        org.connect(userId, DEMO);
        return org.api(userId);
    }

    private static List<String> create(SalesforceApi api, List<String> subjects) {
        List<SfWrite> writes = IntStream.range(0, subjects.size())
                .mapToObj(i -> new SfWrite("r" + i, null, Map.of("Subject", subjects.get(i)))).toList();
        return api.create(writes).stream().map(r -> ((SaveResult.Saved) r).id()).toList();
    }

    private static List<String> subjects(int n) {
        return IntStream.range(0, n).mapToObj(i -> String.format("Task %02d", i)).toList();
    }

    /** Every page of a query, following nextRecordsUrl; the pages are returned for their flags. */
    private static List<QueryPage> pages(SalesforceApi api, QueryPage first) {
        List<QueryPage> pages = new ArrayList<>(List.of(first));
        QueryPage page = first;
        while (!page.done()) {
            assertThat(page.nextRecordsUrl()).isNotBlank();
            page = api.nextPage(page.nextRecordsUrl());
            pages.add(page);
            assertThat(pages).as("pages followed").hasSizeLessThan(100);
        }
        return pages;
    }

    private static List<SfTask> rows(List<QueryPage> pages) {
        return pages.stream().flatMap(p -> p.records().stream()).toList();
    }

    @Test
    void query_followsNextRecordsUrl_acrossPages_andReturnsEveryRowOnce() {
        EmulatedSalesforce org = org(c -> c.withQueryPageSize(PAGE_SIZE));
        SalesforceApi api = connected(org);
        List<String> ids = create(api, subjects(12));

        List<QueryPage> pages = pages(api, api.query(Soql.of("SELECT Id, Subject FROM Task ORDER BY Subject")));

        assertThat(pages).extracting(p -> p.records().size()).containsExactly(5, 5, 2);
        assertThat(pages).extracting(QueryPage::totalSize).containsOnly(12);
        assertThat(pages.get(2).nextRecordsUrl()).isNull();
        assertThat(rows(pages)).extracting(SfTask::subject).containsExactlyElementsOf(subjects(12));
        assertThat(rows(pages)).extracting(SfTask::id).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void queryAll_returnsDeletedRowsWithIsDeleted_acrossPages_whileQueryLeavesThemOut() {
        EmulatedSalesforce org = org(c -> c.withQueryPageSize(PAGE_SIZE));
        SalesforceApi api = connected(org);
        List<String> ids = create(api, subjects(12));
        List<String> deleted = List.of(ids.get(0), ids.get(6), ids.get(11));
        assertThat(api.delete(deleted.stream().map(SalesforceId::of).toList()))
                .allMatch(SaveResult.Saved.class::isInstance);
        Soql all = Soql.of("SELECT Id, Subject, IsDeleted FROM Task ORDER BY Subject");

        List<SfTask> withDeleted = rows(pages(api, api.queryAll(all)));
        List<SfTask> live = rows(pages(api, api.query(all)));

        assertThat(withDeleted).hasSize(12);
        assertThat(withDeleted).filteredOn(SfTask::deleted).extracting(SfTask::id)
                .containsExactlyInAnyOrderElementsOf(deleted);
        assertThat(live).hasSize(9).noneMatch(SfTask::deleted);
        assertThat(live).extracting(SfTask::id).doesNotContainAnyElementsOf(deleted);
    }

    @Test
    void byIds_ofAThousandTasks_readsThemInOneApiCall_deletedOnesIncluded() {
        EmulatedSalesforce org = org(UnaryOperator.identity());
        SalesforceApi api = connected(org);
        List<String> ids = create(api, IntStream.range(0, 1000).mapToObj(i -> "Task " + i).toList());
        List<String> deleted = List.of(ids.get(3), ids.get(999));
        api.delete(deleted.stream().map(SalesforceId::of).toList());
        long before = org.apiCallsUsed();

        Map<String, SfTask> rows = TaskQueries.byIds(api, ids);

        assertThat(org.apiCallsUsed() - before).as("five queries of 200 ids in one composite request")
                .isEqualTo(1);
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(ids.stream().map(SalesforceIds::to18)
                .toList());
        assertThat(rows.values()).filteredOn(SfTask::deleted).extracting(SfTask::id)
                .containsExactlyInAnyOrderElementsOf(deleted);
    }

    @Test
    void byIds_followsEveryStatementsNextPages_whenTheOrgAnswersInSmallPages() {
        EmulatedSalesforce org = org(c -> c.withQueryPageSize(PAGE_SIZE));
        SalesforceApi api = connected(org);
        List<String> ids = create(api, IntStream.range(0, 450).mapToObj(i -> "Task " + i).toList());

        Map<String, SfTask> rows = TaskQueries.byIds(api, ids);

        assertThat(rows).hasSize(450);
        assertThat(rows.values()).extracting(SfTask::subject).doesNotHaveDuplicates();
    }

    @Test
    void everyStatementOfTheSync_parsesAndSelectsWhatItMeans_onTheEmulatorsSoqlEngine() {
        EmulatedSalesforce org = org(c -> c.withQueryPageSize(PAGE_SIZE));
        SalesforceApi api = connected(org);
        String demo = org.sfUserId(DEMO);
        Instant t0 = org.clock.instant();
        List<String> ids = create(api, subjects(7));
        String samMadeForDemo = org.sf.org().createTask(SAM, Map.of("Subject", "For Demo", "OwnerId", demo)).id();
        org.clock.advance(Duration.ofMinutes(10));
        String samsTask = org.sf.org().createTask(SAM, Map.of("Subject", "Sam's")).id();
        assertThat(api.delete(List.of(SalesforceId.of(ids.get(6))))).allMatch(SaveResult.Saved.class::isInstance);

        Map<String, SfTask> byIds = TaskQueries.byIds(api, List.of(ids.get(0), ids.get(6), samsTask));
        List<SfTask> changed = TaskQueries.all(api, new TaskQuery.ChangedSince(demo, t0.minusSeconds(1)));
        List<SfTask> firstPage = TaskQueries.firstPage(api, new TaskQuery.ImportPage(demo, t0, null, 4)).records();
        SfTask last = firstPage.get(firstPage.size() - 1);
        List<SfTask> nextPage = TaskQueries.firstPage(api, new TaskQuery.ImportPage(demo, t0,
                new ImportCursor(last.systemModstamp(), SalesforceIds.to18(last.id())), 4)).records();
        List<SfTask> recent = TaskQueries.all(api, new TaskQuery.RecentCreates(demo, t0, t0.plusSeconds(1)));

        assertThat(byIds).containsOnlyKeys(ids.get(0), ids.get(6), samsTask);
        assertThat(byIds.get(ids.get(6)).deleted()).isTrue();
        assertThat(changed).extracting(SfTask::id).containsAll(ids).contains(samMadeForDemo).hasSize(ids.size() + 1);
        assertThat(firstPage).hasSize(4);
        assertThat(nextPage).hasSize(3).extracting(SfTask::id).doesNotContainAnyElementsOf(
                firstPage.stream().map(SfTask::id).toList());
        // The tasks the owner made for themself in the window (the deleted one too, through queryAll): not the one
        // Sam made for the owner in it, nor Sam's made later.
        assertThat(recent).extracting(SfTask::id).containsExactlyInAnyOrderElementsOf(ids)
                .doesNotContain(samMadeForDemo);
        SfTask row = byIds.get(ids.get(0));
        assertThat(row.ownerId()).isEqualTo(demo);
        assertThat(row.createdById()).isEqualTo(demo);
        assertThat(row.status()).isEqualTo("Not Started");
        assertThat(row.isClosed()).isFalse();
        assertThat(row.priority()).isEqualTo("Normal");
        assertThat(row.createdDate()).isEqualTo(t0);
        assertThat(row.lastModifiedDate()).isEqualTo(t0);
        assertThat(row.systemModstamp()).isEqualTo(t0);
    }

    @Test
    void getUpdated_listsTasksChangedInTheWindow_andClampsAStartOlderThan30Days() {
        EmulatedSalesforce org = org(c -> c);
        SalesforceApi api = connected(org);
        Instant t0 = org.clock.instant();
        List<String> ids = create(api, List.of("Unchanged", "Edited"));
        org.clock.advance(Duration.ofHours(1));
        assertThat(api.update(List.of(new SfWrite("e", ids.get(1), Map.of("Subject", "Edited again")))))
                .allMatch(SaveResult.Saved.class::isInstance);
        org.clock.advance(Duration.ofHours(1));
        Instant now = org.clock.instant();

        UpdatedRecords lastHour = api.getUpdated(t0.plus(Duration.ofMinutes(30)), now);
        UpdatedRecords longAgo = api.getUpdated(now.minus(Duration.ofDays(40)), now);

        assertThat(lastHour.ids()).containsExactly(ids.get(1));
        assertThat(lastHour.latestDateCovered()).isEqualTo(now.truncatedTo(ChronoUnit.MINUTES));
        assertThat(longAgo.ids()).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void getDeleted_listsDeletionsInTheWindow_andMovesAStartOlderThanTheDeleteLogToItsEarliestDate() {
        EmulatedSalesforce org = org(c -> c);
        SalesforceApi api = connected(org);
        List<String> ids = create(api, List.of("Kept", "Deleted"));
        org.clock.advance(Duration.ofHours(2));
        Instant deletedAt = org.clock.instant();
        assertThat(api.delete(List.of(SalesforceId.of(ids.get(1))))).allMatch(SaveResult.Saved.class::isInstance);
        org.clock.advance(Duration.ofHours(1));
        Instant now = org.clock.instant();
        Instant tooOld = now.minus(Duration.ofDays(20));

        DeletedRecords window = api.getDeleted(deletedAt.minus(Duration.ofMinutes(30)), now);
        DeletedRecords fromTooOld = api.getDeleted(tooOld, now);

        assertThat(window.deletedRecords()).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(ids.get(1));
            assertThat(d.deletedDate()).isEqualTo(deletedAt);
        });
        assertThat(window.latestDateCovered()).isEqualTo(now.truncatedTo(ChronoUnit.MINUTES));
        assertThat(fromTooOld.deletedRecords()).extracting(SalesforceApi.DeletedRecord::id)
                .containsExactly(ids.get(1));
        assertThat(fromTooOld.earliestDateAvailable()).as("tells the caller deletions before it are unknown")
                .isAfter(tooOld)
                .isBeforeOrEqualTo(now.minus(Duration.ofDays(15)).plus(Duration.ofMinutes(1)));
    }

    @Test
    void orgChanges_readsBothLogsAndTheViewAllCheck_inOneApiCall_asTheSeparateCallsDo() {
        EmulatedSalesforce org = org(c -> c);
        SalesforceApi api = connected(org);
        Instant t0 = org.clock.instant();
        List<String> ids = create(api, List.of("Kept", "Deleted"));
        org.clock.advance(Duration.ofMinutes(2));
        assertThat(api.delete(List.of(SalesforceId.of(ids.get(1))))).allMatch(SaveResult.Saved.class::isInstance);
        org.clock.advance(Duration.ofMinutes(5));
        Instant now = org.clock.instant();
        long before = org.apiCallsUsed();

        SalesforceApi.OrgChanges changes = api.orgChanges(t0.minus(Duration.ofMinutes(2)), now);

        assertThat(org.apiCallsUsed() - before).as("one composite request").isEqualTo(1);
        assertThat(changes.seesAllTasks()).as("the demo user has View All Data").isTrue();
        assertThat(changes.updated().ids()).containsExactly(ids.get(0));
        assertThat(changes.updated().latestDateCovered()).isEqualTo(now.truncatedTo(ChronoUnit.MINUTES));
        assertThat(changes.deleted().deletedRecords()).extracting(SalesforceApi.DeletedRecord::id)
                .containsExactly(ids.get(1));
        SalesforceApi.UpdatedRecords updated = api.getUpdated(t0.minus(Duration.ofMinutes(2)), now);
        SalesforceApi.DeletedRecords deleted = api.getDeleted(t0.minus(Duration.ofMinutes(2)), now);
        assertThat(changes.updated()).isEqualTo(updated);
        assertThat(changes.deleted()).isEqualTo(deleted);
    }

    @Test
    void orgChanges_fromBeforeTheDeleteLog_movesTheStartAsGetDeletedDoes() {
        EmulatedSalesforce org = org(c -> c);
        SalesforceApi api = connected(org);
        org.clock.advance(Duration.ofHours(1));
        Instant now = org.clock.instant();

        SalesforceApi.OrgChanges changes = api.orgChanges(now.minus(Duration.ofDays(20)), now);

        assertThat(changes.deleted().earliestDateAvailable()).isAfter(now.minus(Duration.ofDays(20)));
    }

    @Test
    void ownChanges_readsBothLogsAndTheQuerysFirstPage_inOneApiCall_asTheSeparateCallsDo() {
        EmulatedSalesforce org = org(c -> c.withQueryPageSize(PAGE_SIZE));
        SalesforceApi api = connected(org);
        Instant t0 = org.clock.instant();
        List<String> ids = create(api, List.of("A", "B", "C", "D", "E", "F", "Deleted"));
        org.clock.advance(Duration.ofMinutes(2));
        assertThat(api.delete(List.of(SalesforceId.of(ids.get(6))))).allMatch(SaveResult.Saved.class::isInstance);
        org.clock.advance(Duration.ofMinutes(5));
        Instant now = org.clock.instant();
        Soql changed = Soql.of("SELECT Id, Subject, IsDeleted FROM Task WHERE SystemModstamp >= :since"
                + " ORDER BY Subject", Map.of("since", t0.minus(Duration.ofMinutes(1))));
        long before = org.apiCallsUsed();

        SalesforceApi.OwnChanges own = api.ownChanges(t0.minus(Duration.ofMinutes(3)),
                t0.minus(Duration.ofMinutes(2)), now, changed, true);

        assertThat(org.apiCallsUsed() - before).as("one composite request").isEqualTo(1);
        assertThat(own.updated().ids()).containsExactlyInAnyOrderElementsOf(ids.subList(0, 6));
        assertThat(own.deleted().deletedRecords()).extracting(SalesforceApi.DeletedRecord::id)
                .containsExactly(ids.get(6));
        assertThat(own.firstPage().records()).as("queryAll: the deleted row too").extracting(SfTask::subject)
                .containsExactly("A", "B", "C", "D", "Deleted");
        assertThat(own.firstPage().done()).as("the page's link to the next, as a query's").isFalse();
        assertThat(api.nextPage(own.firstPage().nextRecordsUrl()).records()).extracting(SfTask::subject)
                .containsExactly("E", "F");
        assertThat(own.updated()).isEqualTo(api.getUpdated(t0.minus(Duration.ofMinutes(3)), now));
        assertThat(own.deleted()).isEqualTo(api.getDeleted(t0.minus(Duration.ofMinutes(2)), now));
        QueryPage alone = api.queryAll(changed);
        assertThat(own.firstPage()).as("the same page but for its query locator (each query gets its own)")
                .usingRecursiveComparison().ignoringFields("nextRecordsUrl").isEqualTo(alone);
        assertThat(api.ownChanges(t0.minus(Duration.ofMinutes(3)), t0.minus(Duration.ofMinutes(2)), now, changed,
                false).firstPage().records()).as("through query: no deleted row").extracting(SfTask::subject)
                .containsExactly("A", "B", "C", "D", "E");
    }

    @Test
    void ownChanges_fromBeforeTheDeleteLog_movesTheStartAsGetDeletedDoes_andAShortWindowGoesAsItsOwnCalls() {
        EmulatedSalesforce org = org(c -> c);
        SalesforceApi api = connected(org);
        org.clock.advance(Duration.ofHours(1));
        Instant now = org.clock.instant();
        Soql all = Soql.of("SELECT Id FROM Task");

        SalesforceApi.OwnChanges old = api.ownChanges(now.minus(Duration.ofMinutes(10)), now.minus(Duration.ofDays(20)),
                now, all, true);
        assertThat(old.deleted().earliestDateAvailable()).isAfter(now.minus(Duration.ofDays(20)));

        long before = org.apiCallsUsed();
        SalesforceApi.OwnChanges shortWindow = api.ownChanges(now.minusSeconds(30), now.minus(Duration.ofMinutes(10)),
                now, all, true);
        assertThat(org.apiCallsUsed() - before).as("the deletions and the query: the short window is not sent")
                .isEqualTo(2);
        assertThat(shortWindow.updated().ids()).isEmpty();
        assertThat(shortWindow.updated().latestDateCovered()).isEqualTo(now.minusSeconds(30)
                .truncatedTo(ChronoUnit.MINUTES));
    }

    @Test
    void ownChanges_aSubrequestRefused_failsTheLook_asItsOwnRequestWould() {
        EmulatedSalesforce org = org(c -> c);
        SalesforceApi api = connected(org);
        org.clock.advance(Duration.ofHours(1));
        Instant now = org.clock.instant();
        Soql unknownField = Soql.of("SELECT NoSuchField__c FROM Task");

        assertThatThrownBy(() -> api.queryAll(unknownField)).isInstanceOf(SalesforceRequestException.class);
        assertThatThrownBy(() -> api.ownChanges(now.minus(Duration.ofMinutes(10)), now.minus(Duration.ofMinutes(10)),
                now, unknownField, true)).isInstanceOf(SalesforceRequestException.class);
    }

    @Test
    void seesAllTasks_isTheUsersViewAllDataPermission() {
        EmulatedSalesforce org = org(c -> c);
        String admin = EmulatedSalesforce.uniqueUser();
        String seller = EmulatedSalesforce.uniqueUser();
        org.connect(admin, DEMO);
        org.connect(seller, SAM);

        assertThat(org.api(admin).seesAllTasks()).isTrue();
        assertThat(org.api(seller).seesAllTasks()).isFalse();
        assertThat(org.api(seller).orgChanges(org.clock.instant().minus(Duration.ofMinutes(10)),
                org.clock.instant()).seesAllTasks()).isFalse();
    }

    @Test
    void replicationWindows_ofNotMoreThanAMinute_areNotSent_andLongerOnesAreAccepted() {
        EmulatedSalesforce org = org(c -> c);
        SalesforceApi api = connected(org);
        org.clock.advance(Duration.ofSeconds(90));
        Instant now = org.clock.instant();
        long before = org.apiCallsUsed();

        UpdatedRecords oneMinute = api.getUpdated(now.minusSeconds(60), now);
        DeletedRecords underAMinute = api.getDeleted(now.minusSeconds(30), now);

        assertThat(org.apiCallsUsed()).as("Salesforce refuses such windows: none was sent").isEqualTo(before);
        assertThat(oneMinute.ids()).isEmpty();
        assertThat(oneMinute.latestDateCovered()).isEqualTo(now.minusSeconds(60).truncatedTo(ChronoUnit.MINUTES));
        assertThat(underAMinute.deletedRecords()).isEmpty();
        assertThat(api.getUpdated(now.minusSeconds(150), now).latestDateCovered())
                .isEqualTo(now.truncatedTo(ChronoUnit.MINUTES));
        assertThat(org.apiCallsUsed()).isEqualTo(before + 1);
    }

    @Test
    void taskStatuses_areTheOrgsOwnPicklist() {
        OrgSeed custom = SeedData.demo().orgs().get(0).withTaskStatuses(List.of(
                new PicklistValue("Open", "Open", true, false, false), PicklistValue.of("Waiting"),
                new PicklistValue("Done", "Done", false, true, false),
                new PicklistValue("Dropped", "Dropped", false, true, false)));
        EmulatedSalesforce org = org(c -> c.withSeed(SeedData.demo().withOrgs(List.of(custom))));
        SalesforceApi api = connected(org);

        TaskStatuses statuses = api.taskStatuses();

        assertThat(statuses.values()).extracting(TaskStatus::apiName)
                .containsExactly("Open", "Waiting", "Done", "Dropped");
        assertThat(statuses.defaultOpen()).isEqualTo("Open");
        assertThat(statuses.defaultClosed()).isEqualTo("Done");
        assertThat(statuses.isClosed("Dropped")).isTrue();
        assertThat(statuses.isClosed("Waiting")).isFalse();
    }

    @Test
    void limitInfo_reportsTheOrgsUsageAfterEveryCall() {
        EmulatedSalesforce org = org(c -> c.withDailyApiLimit(500));
        SalesforceApi api = connected(org);

        create(api, subjects(3));
        ApiUsage afterCreate = api.lastUsage().orElseThrow();
        api.query(Soql.of("SELECT Id FROM Task"));
        ApiUsage afterQuery = api.lastUsage().orElseThrow();

        assertThat(afterCreate).isEqualTo(new ApiUsage(1, 500));
        assertThat(afterQuery).isEqualTo(new ApiUsage(2, 500));
        assertThat(afterQuery.used()).isEqualTo(org.apiCallsUsed());
    }

    @Test
    void boundSubjects_thatLookLikeSoql_matchOnlyTheirExactText_andBreakNothing() {
        EmulatedSalesforce org = org(c -> c);
        SalesforceApi api = connected(org);
        List<String> tricky = List.of("x' OR Subject != '", "x\\' OR Subject != \\'", "x\\\\' OR Subject != '",
                "%' OR Subject LIKE '%", "x'\nOR Subject != '", "a\"b", "Ümlaut ' 😀");
        List<String> subjects = new ArrayList<>(tricky);
        subjects.add("Ordinary");
        List<String> ids = create(api, subjects);
        for (int i = 0; i < tricky.size(); i++) {
            String subject = tricky.get(i);
            List<SfTask> exact = api.query(Soql.of("SELECT Id, Subject FROM Task WHERE Subject = :s",
                    Map.of("s", subject))).records();

            assertThat(exact).as(subject).singleElement().extracting(SfTask::id).isEqualTo(ids.get(i));
            assertThat(exact.get(0).subject()).isEqualTo(subject);
        }
        for (String absent : List.of("y' OR Subject != '", "y\\' OR Id != null OR Subject = \\'")) {
            assertThat(api.query(Soql.of("SELECT Id FROM Task WHERE Subject = :s", Map.of("s", absent))).records())
                    .as(absent).isEmpty();
        }
        assertThat(org.sf.org().tasks()).hasSize(subjects.size());
    }

    @Test
    void idsThatAreNotIds_areRefusedBeforeAnyCall() {
        EmulatedSalesforce org = org(c -> c);
        SalesforceApi api = connected(org);
        long before = org.apiCallsUsed();

        assertThatThrownBy(() -> TaskQueries.byIds(api, List.of("00T000000000001' OR Id != '")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> api.update(List.of(new SfWrite("r", "00T' OR '1'='1", Map.of("Subject", "x")))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> api.delete(List.of(SalesforceId.of("00T0000000000AB,00T0000000000CD"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(org.apiCallsUsed()).isEqualTo(before);
    }
}

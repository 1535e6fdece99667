package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.awsengine.AwsEngineTest;
import com.salesconnect.tasksync.awsengine.AwsResources;
import com.salesconnect.tasksync.id.OrgId;
import com.salesconnect.tasksync.id.SalesforceId;
import com.salesconnect.tasksync.id.TaskId;
import com.salesconnect.tasksync.id.UserId;
import com.salesconnect.tasksync.link.LinkState;
import com.salesconnect.tasksync.link.TaskLink;
import com.salesconnect.tasksync.store.LinkSummary;
import com.salesconnect.tasksync.store.ClaimLease;
import com.salesconnect.tasksync.store.SfIdClaim;
import com.salesconnect.tasksync.store.StoreException;
import com.salesconnect.tasksync.store.WriteConflictException;
import com.salesconnect.tasksync.sync.OutboundSync;
import com.salesconnect.tasksync.task.Origin;
import com.salesconnect.tasksync.task.TaskFields;
import com.salesconnect.tasksync.testing.MutableClock;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.salesconnect.tasksync.store.dynamodb.Fixtures.T0;
import static com.salesconnect.tasksync.store.dynamodb.Fixtures.sf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@AwsEngineTest
class DynamoDbLinkStoreIT {

    private static final Duration FIFTEEN_DAYS = Duration.ofDays(15);

    private final MutableClock clock = new MutableClock(T0);
    private final DynamoDbLinkStore store;
    private final String user = Fixtures.unique("user");
    private final String org = Fixtures.uniqueOrg();

    private final Table raw;

    private final AwsResources aws;

    DynamoDbLinkStoreIT(AwsResources aws) {
        this.aws = aws;
        this.store = new DynamoDbLinkStore(aws.dynamoDb(), aws.tableName("SyncTable"), clock);
        this.raw = new Table(aws.dynamoDb(), aws.tableName("SyncTable"));
    }

    private static TaskLink pending(String userId, String taskId, String orgId) {
        return new TaskLink(userId, taskId, orgId, null, null, LinkState.PENDING_CREATE, null, null, T0, null, null, null, 0);
    }

    private static TaskLink linkedFrom(TaskLink read, String sfId) {
        return new TaskLink(read.userId(), read.taskId(), read.orgId(), null, sfId, LinkState.LINKED,
                Fixtures.fullFields(), T0.plusSeconds(2), null, null, null, null, read.version());
    }

    private TaskLink tombstoneOf(TaskLink read) {
        return new TaskLink(read.userId(), read.taskId(), read.orgId(), null, read.sfId(), LinkState.DELETED, read.base(),
                read.sfModstamp(), null, clock.instant(), Origin.SALESFORCE, clock.instant().plus(FIFTEEN_DAYS),
                read.version());
    }

    @Test
    void pendingCreate_thenLinked_roundTrips_andIsFoundBySfId() {
        TaskLink pending = store.save(pending(user, "t1", org));
        assertThat(store.get(UserId.of(user), TaskId.of("t1"))).contains(pending);
        assertThat(store.pendingCreates(UserId.of(user))).containsExactly(pending);

        TaskLink linked = store.save(linkedFrom(pending, sf("00T1")));

        assertThat(store.get(UserId.of(user), TaskId.of("t1"))).contains(linked);
        assertThat(store.findBySfId(OrgId.of(org), SalesforceId.of(sf("00T1")))).contains(linked);
        assertThat(store.findBySfId(OrgId.of(Fixtures.uniqueOrg()), SalesforceId.of(sf("00T1")))).isEmpty();
        assertThat(store.pendingCreates(UserId.of(user))).isEmpty();
    }

    @Test
    void saveAll_savesPendingCreatesWithTheirMarkers_thenLinkedWithPointers_asSaveDoes() {
        Map<String, TaskLink> stored = store.saveAll(pendingsT(0, 30));

        assertThat(stored).hasSize(30);
        assertThat(store.pendingCreates(UserId.of(user))).containsExactlyInAnyOrderElementsOf(stored.values());
        assertThat(store.get(UserId.of(user), TaskId.of("t7"))).contains(stored.get("t7"));

        Map<String, TaskLink> linked = store.saveAll(stored.values().stream()
                .map(p -> linkedFrom(p, sf("00T" + p.taskId()))).toList());

        assertThat(linked).hasSize(30);
        assertThat(store.pendingCreates(UserId.of(user))).isEmpty();
        assertThat(store.findAllBySfId(OrgId.of(org), linked.values().stream().map(TaskLink::salesforceId).toList()))
                .hasSize(30).containsEntry(SalesforceId.of(sf("00Tt7")), linked.get("t7"));
        assertThat(store.get(UserId.of(user), TaskId.of("t7"))).contains(linked.get("t7"));
    }

    @Test
    void saveAll_leavesOutOnlyTheLinksSaveWouldRefuse_andSavesTheOthers() {
        TaskLink a = store.save(pending(user, "a", org));
        TaskLink b = store.save(pending(user, "b", org));
        TaskLink c = store.save(pending(user, "c", org));
        // b's stored version moved on; c's sfId belongs to another task already.
        store.save(b.pendingAgain(T0.plusSeconds(5), Fixtures.fullFields()));
        TaskLink other = store.save(pending(user, "other", org));
        store.save(linkedFrom(other, sf("00Tc")));

        Map<String, TaskLink> saved = store.saveAll(List.of(linkedFrom(a, sf("00Ta")), linkedFrom(b, sf("00Tb")),
                linkedFrom(c, sf("00Tc"))));

        assertThat(saved).containsOnlyKeys("a");
        assertThat(store.findBySfId(OrgId.of(org), SalesforceId.of(sf("00Ta")))).contains(saved.get("a"));
        assertThat(store.get(UserId.of(user), TaskId.of("b")).orElseThrow().state())
                .isEqualTo(LinkState.PENDING_CREATE);
        assertThat(store.get(UserId.of(user), TaskId.of("c")).orElseThrow().state())
                .isEqualTo(LinkState.PENDING_CREATE);
        assertThat(store.findBySfId(OrgId.of(org), SalesforceId.of(sf("00Tb"))))
                .isEmpty(); // as after save: a pointer no link confirms
        assertThat(store.findBySfId(OrgId.of(org), SalesforceId.of(sf("00Tc"))).orElseThrow().taskId())
                .isEqualTo("other");
        assertThatThrownBy(() -> store.save(linkedFrom(c, sf("00Tc")))).isInstanceOf(WriteConflictException.class);
    }

    /**
     * A push's links are written a few tasks at a time, not one request after another, and each task's pointer is
     * written (answered) before its link is sent, as {@link DynamoDbLinkStore#save} orders them.
     */
    @Test
    void saveAll_writesTheTasksConcurrently_eachPointerAnsweredBeforeItsLinkIsSent() {
        WriteTimeline timeline = new WriteTimeline(null);
        try (DynamoDbClient client = aws.configure(DynamoDbClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(timeline)).build()) {
            DynamoDbLinkStore counted = new DynamoDbLinkStore(client, aws.tableName("SyncTable"), clock);
            List<TaskLink> pendings = pendingsT(0, 40);
            Map<String, TaskLink> stored = counted.saveAll(pendings);
            Map<String, TaskLink> linked = counted.saveAll(stored.values().stream()
                    .map(p -> linkedFrom(p, sf("00T" + p.taskId()))).toList());

            assertThat(linked).hasSize(40);
            assertThat(store.findAllBySfId(OrgId.of(org), linked.values().stream().map(TaskLink::salesforceId)
                    .toList())).hasSize(40);
            assertThat(timeline.maxInFlight()).as("conditional writes in flight at once")
                    .isBetween(2, ConcurrentWrites.IN_FLIGHT);
            for (int i = 0; i < 40; i++) {
                assertThat(timeline.indexOf("answered pointer t" + i))
                        .isNotNegative().isLessThan(timeline.indexOf("sent link t" + i + " v2"));
            }
        }
    }

    /**
     * A write that fails (not a lost condition) is thrown only once the other tasks' writes have ended: nothing of
     * the batch is still under way when the pusher saves its links again one by one.
     */
    @Test
    void saveAll_aFailedWrite_isThrownAfterEveryOtherTasksWritesEnded() {
        WriteTimeline timeline = new WriteTimeline("t3");
        try (DynamoDbClient client = aws.configure(DynamoDbClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(timeline)).build()) {
            DynamoDbLinkStore failing = new DynamoDbLinkStore(client, aws.tableName("SyncTable"), clock);
            List<TaskLink> pendings = pendingsT(0, 20);

            assertThatThrownBy(() -> failing.saveAll(pendings)).isInstanceOf(StoreException.class);
            int answeredAtTheThrow = timeline.answered();

            assertThat(answeredAtTheThrow).as("every other link's write answered").isEqualTo(19);
            assertThat(timeline.inFlight()).isZero();
            for (int i = 0; i < 20; i++) {
                assertThat(store.get(UserId.of(user), TaskId.of("t" + i)).map(TaskLink::version))
                        .isEqualTo(i == 3 ? java.util.Optional.empty() : java.util.Optional.of(1L));
            }
        }
    }

    @Test
    void saveAll_thatWasCutShort_isSettledBySavingEachAgain() {
        TaskLink a = store.save(pending(user, "a", org));
        TaskLink b = store.save(pending(user, "b", org));
        List<TaskLink> batch = List.of(linkedFrom(a, sf("00Ta")), linkedFrom(b, sf("00Tb")));
        Map<String, TaskLink> landed = store.saveAll(batch);

        // What the pusher does when the batch failed part-way: each link saved alone converges.
        assertThat(store.save(batch.get(0))).isEqualTo(landed.get("a"));
        assertThat(store.save(batch.get(1))).isEqualTo(landed.get("b"));
        assertThat(store.pendingCreates(UserId.of(user))).isEmpty();
    }

    @Test
    void pendingCreates_readsOnlyTheMarkers_notEveryLinkOfTheUser() {
        for (int i = 0; i < 30; i++) {
            TaskLink p = store.save(pending(user, "linked-" + i, org));
            store.save(linkedFrom(p, sf("00T" + i)));
        }
        TaskLink inFlight = store.save(pending(user, "in-flight", org));

        assertThat(store.pendingCreates(UserId.of(user))).containsExactly(inFlight);
    }

    /**
     * What the lookup costs: the same two requests whether the user has 30 links or 330 (the marker shards, then the
     * marked links), never a Query of the user's links (the full read it replaced: a Query page per 1 MB of links).
     */
    @Test
    void pendingCreates_costsTheSameFewRequests_whateverTheNumberOfTheUsersLinks() {
        SentRequests requests = new SentRequests();
        try (DynamoDbClient client = aws.configure(DynamoDbClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(requests)).build()) {
            DynamoDbLinkStore counted = new DynamoDbLinkStore(client, aws.tableName("SyncTable"), clock);
            TaskLink inFlight = store.save(pending(user, "in-flight", org));
            linkedLinks(0, 30);
            // The user's first read also looks once for markers of the layout before (markersOfBefore_…).
            store.pendingCreates(UserId.of(user));
            requests.takeAll();
            assertThat(counted.pendingCreates(UserId.of(user))).containsExactly(inFlight);
            List<String> withFew = requests.takeAll();

            linkedLinks(30, 330);
            requests.takeAll();
            assertThat(counted.pendingCreates(UserId.of(user))).containsExactly(inFlight);
            List<String> withMany = requests.takeAll();

            assertThat(withFew).containsExactly("BatchGetItem", "BatchGetItem");
            assertThat(withMany).isEqualTo(withFew);
        }
    }

    /** Fresh PENDING_CREATE links of tasks {@code t<from>} to {@code t<to-1>} of the user. */
    private List<TaskLink> pendingsT(int from, int to) {
        List<TaskLink> pendings = new ArrayList<>();
        for (int i = from; i < to; i++) {
            pendings.add(pending(user, "t" + i, org));
        }
        return pendings;
    }

    /** Links {@code linked-from} to {@code linked-(to-1)} of the user, each created and then linked. */
    private void linkedLinks(int from, int to) {
        List<TaskLink> pendings = new ArrayList<>();
        for (int i = from; i < to; i++) {
            pendings.add(pending(user, "linked-" + i, org));
        }
        for (TaskLink p : store.saveAll(pendings).values()) {
            store.save(linkedFrom(p, sf("00T" + p.taskId().substring("linked-".length()))));
        }
    }

    @Test
    void aMarkerLeftByACrash_isIgnored_andRemovedByTheNextRead() {
        TaskLink pending = store.save(pending(user, "t1", org));
        // The crash: the link moved on, the marker's removal never ran.
        store.writeLink(linkedFrom(pending, sf("00T1")).withVersion(pending.version() + 1), pending.version(),
                clock.instant());

        assertThat(store.pendingCreates(UserId.of(user))).isEmpty();
        assertThat(markerElements()).hasSize(1);

        clock.advance(PendingMarkers.GRACE.plusSeconds(1));
        assertThat(store.pendingCreates(UserId.of(user))).isEmpty();
        assertThat(markerElements()).isEmpty();
    }

    @Test
    void aReadBetweenACreatesMarkerAndItsLink_leavesTheMarker_soTheLinkIsFoundOnceWritten() {
        TaskLink stored = pending(user, "t1", org).withVersion(1);
        // The create's first step (its marker) has run, its link write has not yet.
        new PendingMarkers(raw, new HeldItems(clock)).add(List.of(stored));

        assertThat(store.pendingCreates(UserId.of(user))).isEmpty();

        store.writeLink(stored, 0, clock.instant());
        clock.advance(OutboundSync.SAFETY_NET);
        assertThat(store.pendingCreates(UserId.of(user))).containsExactly(stored);
    }

    @Test
    void aLaterCreateAttempt_takesTheMarkerOver_theStaleOneIsRemoved_andNeitherRemovalTouchesTheOther() {
        TaskLink first = store.save(pending(user, "t1", org));
        TaskLink again = store.save(first.pendingAgain(T0.plusSeconds(200), Fixtures.fullFields()));

        assertThat(store.pendingCreates(UserId.of(user))).containsExactly(again);
        assertThat(markerElements()).containsExactly("t1|" + Values.instantText(again.pendingSince()));

        store.save(linkedFrom(again, sf("00T1")));
        assertThat(store.pendingCreates(UserId.of(user))).isEmpty();
        assertThat(markerElements()).isEmpty();
    }

    @Test
    void markersOfBefore_oneItemEach_areReadMovedIntoTheSets_andThenNeverQueriedAgain() {
        TaskLink inFlight = store.save(pending(user, "old-1", org));
        // As a stack from before left it: the marker in an item of its own, no set, no note on shard 0.
        for (int shard = 0; shard < PendingMarkers.SHARDS; shard++) {
            raw.delete(PendingMarkers.shardKey(user, shard).toKey(), Condition.NONE, "test");
        }
        raw.put(ItemBuilder.keyed(SyncKey.pendingCreate(user, "old-1")).string("userId", user)
                .string("taskId", "old-1").instant("pendingSince", inFlight.pendingSince()).build(), Condition.NONE,
                "test");

        assertThat(store.pendingCreates(UserId.of(user))).containsExactly(inFlight);

        assertThat(raw.get(SyncKey.pendingCreate(user, "old-1").toKey(), "test")).isEmpty();
        assertThat(raw.get(PendingMarkers.shardKey(user, 0).toKey(), "test").orElseThrow())
                .containsKey("legacyChecked");
        assertThat(markerElements()).containsExactly("old-1|" + Values.instantText(inFlight.pendingSince()));
        assertThat(store.pendingCreates(UserId.of(user))).containsExactly(inFlight);
        store.save(linkedFrom(inFlight, sf("00T2")));
        assertThat(store.pendingCreates(UserId.of(user))).isEmpty();
    }

    /** Every marker element of the user's shards, as stored. */
    private List<String> markerElements() {
        return markerElements("m");
    }

    private List<String> markerElements(String set) {
        List<String> out = new ArrayList<>();
        for (int shard = 0; shard < PendingMarkers.SHARDS; shard++) {
            raw.get(PendingMarkers.shardKey(user, shard).toKey(), "test")
                    .map(item -> item.get(set)).filter(m -> m != null && m.hasSs())
                    .ifPresent(m -> out.addAll(m.ss()));
        }
        return out;
    }

    @Test
    void aCreateAttempt_isKnownUnsentUntilMarkedSending_andItsNotesGoWithItsMarker() {
        TaskLink first = store.save(pending(user, "t1", org));
        TaskLink other = store.save(pending(user, "t2", org));
        assertThat(store.mayHaveBeenSent(first)).isFalse();
        assertThat(store.sentCreates(UserId.of(user))).isEmpty();

        store.markSending(List.of(first));

        assertThat(store.mayHaveBeenSent(first)).isTrue();
        assertThat(store.mayHaveBeenSent(other)).isFalse();
        assertThat(store.sentCreates(UserId.of(user))).containsExactly(first);
        assertThat(store.pendingCreates(UserId.of(user))).containsExactlyInAnyOrder(first, other);
        // A later attempt of the same task is a new one: unsent until marked.
        TaskLink again = store.save(first.pendingAgain(T0.plusSeconds(200), Fixtures.fullFields()));
        assertThat(store.mayHaveBeenSent(again)).isFalse();
        store.markSending(List.of(again));
        store.save(linkedFrom(again, sf("00T1")));
        store.save(linkedFrom(other, sf("00T2")));
        assertThat(markerElements("m")).isEmpty();
        assertThat(markerElements("t")).isEmpty();
        assertThat(markerElements("s")).isEmpty();
    }

    @Test
    void aCreateAttemptOfCodeFromBefore_untracked_mayHaveBeenSent() {
        TaskLink stored = pending(user, "t1", org).withVersion(1);
        // As code from before wrote it: the marker in the set m alone, then the link.
        raw.update(PendingMarkers.shardKey(user, PendingMarkers.Marker.of(stored).shard()).toKey(), "ADD m :m",
                Map.of(), Map.of(":m", AttributeValue.fromSs(List.of(PendingMarkers.Marker.of(stored).element()))),
                "test");
        store.writeLink(stored, 0, clock.instant());

        assertThat(store.mayHaveBeenSent(stored)).isTrue();
        assertThat(store.sentCreates(UserId.of(user))).containsExactly(stored);
    }

    @Test
    void delete_removesAPendingCreateOfThatVersionOnly() {
        TaskLink first = store.save(pending(user, "t1", org));
        TaskLink claimed = store.save(first.pendingAgain(T0.plusSeconds(200), Fixtures.fullFields()));

        store.delete(first);
        assertThat(store.get(UserId.of(user), TaskId.of("t1"))).contains(claimed);

        store.delete(claimed);
        assertThat(store.get(UserId.of(user), TaskId.of("t1"))).isEmpty();
        assertThat(store.pendingCreates(UserId.of(user))).isEmpty();
        assertThat(store.save(pending(user, "t1", org)).version()).isEqualTo(1);
    }

    @Test
    void twoWritersOfOneVersion_theLoserGetsWriteConflict_andTheWinnersLinkIsStored() {
        TaskLink read = store.save(Fixtures.linked(user, "t1", org, sf("00T1")));
        TaskLink newerModstamp = new TaskLink(user, "t1", org, null, sf("00T1"), LinkState.LINKED,
                read.base().with(TaskFields.Field.SUBJECT, "merged"), T0.plusSeconds(30), null, null, null, null,
                read.version());

        TaskLink winner = store.save(newerModstamp);

        assertThatThrownBy(() -> store.save(tombstoneOf(read))).isInstanceOf(WriteConflictException.class);
        assertThat(store.get(UserId.of(user), TaskId.of("t1"))).contains(winner);
    }

    @Test
    void crashAfterThePointerStep_retryConverges_andTheUnconfirmedPointerIsNeverFollowed() {
        TaskLink pending = store.save(pending(user, "t1", org));
        TaskLink linking = linkedFrom(pending, sf("00T1"));
        TaskLink stored = new TaskLink(user, "t1", org, null, sf("00T1"), LinkState.LINKED, linking.base(),
                linking.sfModstamp(), null, null, null, null, pending.version() + 1);
        store.writePointer(stored, clock.instant());

        assertThat(store.findBySfId(OrgId.of(org), SalesforceId.of(sf("00T1")))).as("pointer written, link not yet")
                .isEmpty();

        TaskLink saved = store.save(linking);

        assertThat(saved).isEqualTo(stored);
        assertThat(store.findBySfId(OrgId.of(org), SalesforceId.of(sf("00T1")))).contains(saved);
    }

    @Test
    void crashAfterBothSteps_retryOfTheSameSaveConverges() {
        TaskLink link = Fixtures.linked(user, "t1", org, sf("00T1"));
        TaskLink first = store.save(link);

        TaskLink retried = store.save(link);

        assertThat(retried).isEqualTo(first);
        assertThat(store.findBySfId(OrgId.of(org), SalesforceId.of(sf("00T1")))).contains(first);
    }

    @Test
    void aPendingCreateRecordingTheTaskItMade_writesNoPointer_andTheCopyHoldingTheIdKeepsIt_untilReleased() {
        TaskLink copy = store.save(Fixtures.linked(user, "sf-00T1", org, sf("00T1")));
        TaskLink pending = store.save(pending(user, "t1", org));

        TaskLink recorded = store.save(pending.recording(sf("00T1")));

        assertThat(store.get(UserId.of(user), TaskId.of("t1"))).contains(recorded);
        assertThat(store.pendingCreates(UserId.of(user))).containsExactly(recorded);
        assertThat(store.findBySfId(OrgId.of(org), SalesforceId.of(sf("00T1")))).contains(copy);
        assertThatThrownBy(() -> store.save(linkedFrom(recorded, sf("00T1"))))
                .isInstanceOf(WriteConflictException.class);
        store.releaseSfId(copy);
        TaskLink linked = store.save(linkedFrom(recorded, sf("00T1")));
        assertThat(store.findBySfId(OrgId.of(org), SalesforceId.of(sf("00T1")))).contains(linked);
        assertThat(store.pendingCreates(UserId.of(user))).isEmpty();
    }

    @Test
    void anSfIdLinkedToOneTask_cannotBeClaimedByAnother() {
        TaskLink mine = store.save(Fixtures.linked(user, "t1", org, sf("00T1")));

        assertThatThrownBy(() -> store.save(Fixtures.linked(user, "t2", org, sf("00T1"))))
                .isInstanceOf(WriteConflictException.class)
                .hasMessageContaining("already linked");
        assertThat(store.findBySfId(OrgId.of(org), SalesforceId.of(sf("00T1")))).contains(mine);
        assertThat(store.get(UserId.of(user), TaskId.of("t2"))).isEmpty();
    }

    @Test
    void claim_namesTheTaskBeforeAnyLinkExists_isIdempotent_blocksOtherTasks_andTheLinkConfirmsIt() {
        String importedAs = "005000000000001AAA";
        TaskLink importing = new TaskLink(user, "sf-00T9", org, importedAs, sf("00T9"), LinkState.LINKED,
                Fixtures.fullFields(), T0, null, null, null, null, 0);
        store.claim(importing);
        store.claim(importing);

        assertThat(store.claimOf(OrgId.of(org), SalesforceId.of(sf("00T9"))))
                .as("the claim names the Salesforce user it was made for")
                .contains(new SfIdClaim(user, "sf-00T9", importedAs));
        assertThat(store.findBySfId(OrgId.of(org), SalesforceId.of(sf("00T9")))).isEmpty();
        assertThat(store.claimOf(OrgId.of(Fixtures.uniqueOrg()), SalesforceId.of(sf("00T9")))).isEmpty();
        String other = Fixtures.unique("user");
        assertThatThrownBy(() -> store.claim(new TaskLink(other, "sf-00T9", org, null, sf("00T9"), LinkState.LINKED,
                null, null, null, null, null, null, 0))).isInstanceOf(WriteConflictException.class);

        TaskLink saved = store.save(importing);
        assertThat(store.findBySfId(OrgId.of(org), SalesforceId.of(sf("00T9")))).contains(saved);
        assertThat(store.claimOf(OrgId.of(org), SalesforceId.of(sf("00T9"))))
                .contains(new SfIdClaim(user, "sf-00T9", importedAs));

        store.releaseSfId(saved);
        assertThat(store.claimOf(OrgId.of(org), SalesforceId.of(sf("00T9")))).isEmpty();
        store.claim(new TaskLink(other, "sf-00T9", org, null, sf("00T9"), LinkState.LINKED, null, null, null, null,
                null, null, 0));
        assertThat(store.claimOf(OrgId.of(org), SalesforceId.of(sf("00T9")))).contains(new SfIdClaim(other, "sf-00T9", null));
    }

    @Test
    void aLeasedClaim_keepsOtherClaimantsAway_untilItsLeaseEnds_andItsLinksGoInOneBatch() {
        TaskLink importing = new TaskLink(user, "sf-00T6", org, null, sf("00T6"), LinkState.LINKED,
                Fixtures.fullFields(), T0, null, null, null, null, 0);
        ClaimLease mine = new ClaimLease("invocation-a", T0.plusSeconds(60));
        store.claim(importing, mine);
        store.claim(importing, mine);
        assertThat(store.claimOf(OrgId.of(org), SalesforceId.of(sf("00T6"))))
                .contains(new SfIdClaim(user, "sf-00T6", mine, null));
        assertThat(store.claimOf(OrgId.of(org), SalesforceId.of(sf("00T6"))).orElseThrow()
                .leasedToAnother("invocation-b", T0)).isTrue();

        assertThatThrownBy(() -> store.claim(importing, new ClaimLease("invocation-b", T0.plusSeconds(90))))
                .isInstanceOf(WriteConflictException.class);
        assertThatThrownBy(() -> store.claim(importing)).as("an unleased claim of the same task")
                .isInstanceOf(WriteConflictException.class);

        clock.advance(Duration.ofSeconds(60));
        ClaimLease theirs = new ClaimLease("invocation-b", clock.instant().plusSeconds(60));
        store.claim(importing, theirs);
        assertThat(store.claimOf(OrgId.of(org), SalesforceId.of(sf("00T6"))))
                .contains(new SfIdClaim(user, "sf-00T6", theirs, null));

        TaskLink second = new TaskLink(user, "sf-00T5", org, null, sf("00T5"), LinkState.LINKED,
                Fixtures.fullFields(), T0, null, null, null, null, 0);
        // A claimant whose batch failed lets its claim go with a lease that ends now: the next claimant need not wait.
        store.claim(second, new ClaimLease("invocation-c", clock.instant().plusSeconds(60)));
        store.claim(second, new ClaimLease("invocation-c", clock.instant()));
        store.claim(second, theirs);
        List<TaskLink> saved = store.saveClaimedAll(List.of(importing, second));
        assertThat(saved).extracting(TaskLink::version).containsExactly(1L, 1L);
        assertThat(store.findBySfId(OrgId.of(org), SalesforceId.of(sf("00T6")))).contains(saved.get(0));
        assertThat(store.findBySfId(OrgId.of(org), SalesforceId.of(sf("00T5")))).contains(saved.get(1));
        // The link's later saves are not held up by the lease (a save writes the pointer without one).
        TaskLink next = store.save(linkedFrom(saved.get(0), sf("00T6")));
        assertThat(store.claimOf(OrgId.of(org), SalesforceId.of(sf("00T6"))))
                .contains(new SfIdClaim(user, "sf-00T6", null));
        assertThat(next.version()).isEqualTo(2);
        assertThatThrownBy(() -> store.saveClaimedAll(List.of(next))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void saveClaimed_confirmsTheClaim_keepsTheVersionContract_andAReleasedClaimHealsWithTheNextClaim() {
        TaskLink importing = new TaskLink(user, "sf-00T8", org, null, sf("00T8"), LinkState.LINKED,
                Fixtures.fullFields(), T0, null, null, null, null, 0);
        store.claim(importing);
        TaskLink saved = store.saveClaimed(importing);
        assertThat(store.findBySfId(OrgId.of(org), SalesforceId.of(sf("00T8")))).contains(saved);
        assertThat(store.saveClaimed(importing)).as("a redelivered write of the same link converges").isEqualTo(saved);
        TaskLink stale = new TaskLink(user, "sf-00T8", org, null, sf("00T8"), LinkState.LINKED,
                Fixtures.fullFields(), T0.plusSeconds(1), null, null, null, null, 0);
        assertThatThrownBy(() -> store.saveClaimed(stale)).isInstanceOf(WriteConflictException.class);
        assertThatThrownBy(() -> store.saveClaimed(pending(user, "t8", org)))
                .isInstanceOf(IllegalArgumentException.class);

        // A concurrent reader released the claim between the claim and the link write: the link stands alone
        // until the next import of the id claims again (same task id) and saves the next version with its pointer.
        TaskLink other = new TaskLink(user, "sf-00T7", org, null, sf("00T7"), LinkState.LINKED,
                Fixtures.fullFields(), T0, null, null, null, null, 0);
        store.claim(other);
        store.releaseSfId(other);
        TaskLink alone = store.saveClaimed(other);
        assertThat(store.findBySfId(OrgId.of(org), SalesforceId.of(sf("00T7")))).isEmpty();
        store.claim(alone);
        TaskLink healed = store.save(alone);
        assertThat(store.findBySfId(OrgId.of(org), SalesforceId.of(sf("00T7")))).contains(healed);
    }

    @Test
    void getAll_readsTheLinksOfManyTasksInBatches_skippingTasksWithoutOne_andExpiredTombstones() {
        java.util.List<TaskId> taskIds = new java.util.ArrayList<>();
        for (int i = 0; i < 130; i++) {
            String taskId = String.format("t%03d", i);
            taskIds.add(TaskId.of(taskId));
            if (i % 10 == 3) {
                continue; // no link
            }
            TaskLink pending = store.save(pending(user, taskId, org));
            TaskLink linked = store.save(linkedFrom(pending, sf("00T" + i)));
            if (i == 7) {
                store.save(tombstoneOf(linked));
            }
        }
        taskIds.add(TaskId.of("t007"));

        java.util.Map<TaskId, TaskLink> found = store.getAll(UserId.of(user), taskIds);

        assertThat(found).hasSize(130 - 13);
        assertThat(found.get(TaskId.of("t000")).sfId()).isEqualTo(sf("00T0"));
        assertThat(found.get(TaskId.of("t129")).sfId()).isEqualTo(sf("00T129"));
        assertThat(found).doesNotContainKey(TaskId.of("t003"));
        assertThat(found.get(TaskId.of("t007")).state()).isEqualTo(LinkState.DELETED);
        assertThat(store.getAll(UserId.of(Fixtures.unique("user")), taskIds)).isEmpty();
        assertThat(store.getAll(UserId.of(user), java.util.List.of())).isEmpty();

        clock.advance(FIFTEEN_DAYS.plusSeconds(1));
        assertThat(store.getAll(UserId.of(user), taskIds)).hasSize(130 - 14).doesNotContainKey(TaskId.of("t007"));
    }

    @Test
    void findAllBySfId_answersAsFindBySfIdDoesForEachId_inBatches() {
        String otherOrg = Fixtures.uniqueOrg();
        java.util.List<SalesforceId> sfIds = new java.util.ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String sfId = String.format("00T%015d", i);
            sfIds.add(SalesforceId.of(sfId));
            String taskId = String.format("t%03d", i);
            switch (i % 6) {
                case 0 -> store.save(Fixtures.linked(user, taskId, org, sfId));
                case 1 -> store.save(tombstoneOf(store.save(Fixtures.linked(user, taskId, org, sfId))));
                case 2 -> store.claim(Fixtures.linked(user, taskId, org, sfId)); // a claim whose link was never written
                case 3 -> store.releaseSfId(store.save(Fixtures.linked(user, taskId, org, sfId)));
                case 4 -> store.save(Fixtures.linked(user, taskId, otherOrg, sfId));
                default -> { } // nothing
            }
        }

        java.util.Map<SalesforceId, TaskLink> found = store.findAllBySfId(OrgId.of(org), sfIds);

        for (SalesforceId sfId : sfIds) {
            assertThat(java.util.Optional.ofNullable(found.get(sfId))).as(sfId.value())
                    .isEqualTo(store.findBySfId(OrgId.of(org), sfId));
        }
        assertThat(found).hasSize(40);
        assertThat(store.findAllBySfId(OrgId.of(otherOrg), sfIds)).hasSize(20);
        assertThat(store.findAllBySfId(OrgId.of(org), java.util.List.of())).isEmpty();
        clock.advance(FIFTEEN_DAYS.plusSeconds(1));
        assertThat(store.findAllBySfId(OrgId.of(org), sfIds)).as("expired tombstones are absent").hasSize(20);
    }

    @Test
    void summaries_readStateAndSfIdOfManyTasksInBatches_skippingTasksWithoutOne_andExpiredTombstones() {
        java.util.List<TaskId> taskIds = new java.util.ArrayList<>();
        for (int i = 0; i < 130; i++) {
            String taskId = String.format("t%03d", i);
            taskIds.add(TaskId.of(taskId));
            if (i % 10 == 3) {
                continue; // no link
            }
            TaskLink pending = store.save(pending(user, taskId, org));
            if (i == 5) {
                continue; // stays PENDING_CREATE, no sfId yet
            }
            TaskLink linked = store.save(linkedFrom(pending, sf("00T" + i)));
            if (i == 7) {
                store.save(tombstoneOf(linked));
            }
        }

        java.util.Map<TaskId, LinkSummary> found = store.summaries(UserId.of(user), taskIds);

        assertThat(found).hasSize(130 - 13);
        assertThat(found.get(TaskId.of("t000"))).isEqualTo(new LinkSummary(LinkState.LINKED, sf("00T0")));
        assertThat(found.get(TaskId.of("t129"))).isEqualTo(new LinkSummary(LinkState.LINKED, sf("00T129")));
        assertThat(found.get(TaskId.of("t005"))).isEqualTo(new LinkSummary(LinkState.PENDING_CREATE, null));
        assertThat(found.get(TaskId.of("t007"))).isEqualTo(new LinkSummary(LinkState.DELETED, sf("00T7")));
        assertThat(found).doesNotContainKey(TaskId.of("t003"));
        // The same as the whole links say.
        store.getAll(UserId.of(user), taskIds).forEach((taskId, link) ->
                assertThat(found.get(taskId)).isEqualTo(new LinkSummary(link.state(), link.sfId())));
        assertThat(store.summaries(UserId.of(Fixtures.unique("user")), taskIds)).isEmpty();
        assertThat(store.summaries(UserId.of(user), java.util.List.of())).isEmpty();

        clock.advance(FIFTEEN_DAYS.plusSeconds(1));
        assertThat(store.summaries(UserId.of(user), taskIds)).hasSize(130 - 14).doesNotContainKey(TaskId.of("t007"));
    }

    @Test
    void tombstone_isFoundWhileItLives_andIsAbsentToEveryReadOnceExpired_andACreateOverItSucceeds() {
        TaskLink linked = store.save(Fixtures.linked(user, "t1", org, sf("00T1")));
        TaskLink tombstone = store.save(tombstoneOf(linked));
        assertThat(store.findBySfId(OrgId.of(org), SalesforceId.of(sf("00T1")))).contains(tombstone);
        assertThat(store.get(UserId.of(user), TaskId.of("t1"))).contains(tombstone);

        clock.advance(FIFTEEN_DAYS.plusSeconds(1));

        assertThat(store.get(UserId.of(user), TaskId.of("t1"))).isEmpty();
        assertThat(store.findBySfId(OrgId.of(org), SalesforceId.of(sf("00T1")))).isEmpty();
        TaskLink relinked = store.save(Fixtures.linked(user, "t1", org, sf("00T1")));
        assertThat(store.findBySfId(OrgId.of(org), SalesforceId.of(sf("00T1")))).contains(relinked);
        TaskLink otherTask = store.save(Fixtures.linked(user, "t9", org, sf("00T9")));
        assertThat(otherTask.version()).isEqualTo(1);
    }

    @Test
    void expiredPointerOfAnotherTask_doesNotBlockANewClaim() {
        TaskLink old = store.save(Fixtures.linked(user, "old", org, sf("00T5")));
        store.save(tombstoneOf(old));
        clock.advance(FIFTEEN_DAYS.plusSeconds(1));

        TaskLink claimed = store.save(Fixtures.linked(user, "new", org, sf("00T5")));

        assertThat(store.findBySfId(OrgId.of(org), SalesforceId.of(sf("00T5")))).contains(claimed);
    }

    @Test
    void tombstoneExpiry_isReadFromTheStoredTtl_secondsRoundedUp() {
        TaskLink linked = store.save(Fixtures.linked(user, "t1", org, sf("00T1")));
        TaskLink tombstone = store.save(tombstoneOf(linked));

        assertThat(tombstone.expiresAt()).isEqualTo(Instant.ofEpochSecond(
                T0.plus(FIFTEEN_DAYS).getEpochSecond() + 1));
        clock.set(tombstone.expiresAt().minusNanos(1));
        assertThat(store.get(UserId.of(user), TaskId.of("t1"))).isPresent();
        clock.set(tombstone.expiresAt());
        assertThat(store.get(UserId.of(user), TaskId.of("t1"))).isEmpty();
    }

    @Test
    void releaseSfId_removesOnlyThisTasksPointer_soAnotherTaskCanClaimTheId() {
        TaskLink oldOwner = store.save(tombstoneOf(store.save(Fixtures.linked(user, "t1", org, sf("00T1")))));
        String newUser = Fixtures.unique("user");
        TaskLink newOwnersLink = Fixtures.linked(newUser, "t9", org, sf("00T1"));
        assertThatThrownBy(() -> store.save(newOwnersLink)).isInstanceOf(WriteConflictException.class);

        store.releaseSfId(oldOwner);
        store.releaseSfId(oldOwner);

        TaskLink claimed = store.save(newOwnersLink);
        assertThat(store.findBySfId(OrgId.of(org), SalesforceId.of(sf("00T1")))).contains(claimed);
        store.releaseSfId(oldOwner);
        assertThat(store.findBySfId(OrgId.of(org), SalesforceId.of(sf("00T1"))))
                .as("a release by the previous owner leaves the new claim alone")
                .contains(claimed);
        assertThat(store.get(UserId.of(user), TaskId.of("t1"))).as("the released link itself stays").contains(oldOwner);
    }
}

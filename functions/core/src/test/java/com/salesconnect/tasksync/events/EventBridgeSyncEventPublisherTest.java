package com.salesconnect.tasksync.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventBridgeSyncEventPublisherTest {

    private static final Instant AT = Instant.parse("2025-03-10T09:00:00Z");
    private final ObjectMapper json = new ObjectMapper();
    private final List<Long> sleeps = new ArrayList<>();

    /** Answers PutEvents with a scripted outcome per call and records every request. */
    private static final class ScriptedEventBridge implements EventBridgeClient {
        final List<List<PutEventsRequestEntry>> calls = new ArrayList<>();
        private final Function<Integer, Function<Integer, Boolean>> rejects;

        /** @param rejects (call number) -> (entry index) -> reject it? */
        ScriptedEventBridge(Function<Integer, Function<Integer, Boolean>> rejects) {
            this.rejects = rejects;
        }

        @Override
        public PutEventsResponse putEvents(PutEventsRequest request) {
            int call = calls.size();
            calls.add(request.entries());
            List<PutEventsResultEntry> results = new ArrayList<>();
            int failed = 0;
            for (int i = 0; i < request.entries().size(); i++) {
                if (rejects.apply(call).apply(i)) {
                    failed++;
                    results.add(PutEventsResultEntry.builder().errorCode("ThrottlingException").build());
                } else {
                    results.add(PutEventsResultEntry.builder().eventId("e-" + call + "-" + i).build());
                }
            }
            return PutEventsResponse.builder().failedEntryCount(failed).entries(results).build();
        }

        @Override
        public String serviceName() {
            return "events";
        }

        @Override
        public void close() {
        }
    }

    private EventBridgeSyncEventPublisher publisher(ScriptedEventBridge client) {
        return new EventBridgeSyncEventPublisher(client, "tasksync-bus", json, sleeps::add);
    }

    private static List<String> users(int count) {
        return IntStream.range(0, count).mapToObj(i -> "u" + i).toList();
    }

    @Test
    void syncEnabled_sendsOneEventWithUserAndEnableTime() throws Exception {
        ScriptedEventBridge client = new ScriptedEventBridge(call -> entry -> false);

        publisher(client).syncEnabled("user-1", AT);

        PutEventsRequestEntry entry = client.calls.get(0).get(0);
        assertThat(entry.source()).isEqualTo("com.salesconnect.tasksync");
        assertThat(entry.detailType()).isEqualTo("SyncEnabled");
        assertThat(entry.eventBusName()).isEqualTo("tasksync-bus");
        assertThat(json.readTree(entry.detail()).path("userId").asText()).isEqualTo("user-1");
        assertThat(json.readTree(entry.detail()).path("enabledAt").asText()).isEqualTo("2025-03-10T09:00:00Z");
    }

    @Test
    void sweepRequested_putsAtMostTenUserIdsPerEvent_andAtMostTenEventsPerCall() throws Exception {
        ScriptedEventBridge client = new ScriptedEventBridge(call -> entry -> false);

        publisher(client).sweepRequested(users(125), AT);

        assertThat(client.calls).extracting(List::size).containsExactly(10, 3);
        List<String> sent = new ArrayList<>();
        for (List<PutEventsRequestEntry> call : client.calls) {
            for (PutEventsRequestEntry entry : call) {
                assertThat(entry.detailType()).isEqualTo("UserSweepRequested");
                var detail = json.readTree(entry.detail());
                assertThat(detail.path("userIds").size()).isBetween(1, 10);
                assertThat(detail.path("scheduledAt").asText()).isEqualTo("2025-03-10T09:00:00Z");
                detail.path("userIds").forEach(id -> sent.add(id.asText()));
            }
        }
        assertThat(sent).containsExactlyElementsOf(users(125));
    }

    @Test
    void partialFailure_resendsOnlyTheRejectedEntries() {
        ScriptedEventBridge client = new ScriptedEventBridge(call -> entry -> call == 0 && (entry == 1 || entry == 3));

        publisher(client).sweepRequested(users(50), AT);

        assertThat(client.calls).hasSize(2);
        assertThat(client.calls.get(1)).containsExactly(client.calls.get(0).get(1), client.calls.get(0).get(3));
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void entriesRejectedOnEveryAttempt_failAfterThreeAttempts_withoutEndlessRetry() {
        ScriptedEventBridge client = new ScriptedEventBridge(call -> entry -> entry == 0);

        assertThatThrownBy(() -> publisher(client).syncEnabled("user-1", AT))
                .isInstanceOf(PublishException.class)
                .hasMessageContaining("1 of 1")
                .hasMessageContaining("ThrottlingException");
        assertThat(client.calls).hasSize(3);
        assertThat(sleeps).containsExactly(100L, 200L);
    }

    @Test
    void noUsers_sendsNothing() {
        ScriptedEventBridge client = new ScriptedEventBridge(call -> entry -> false);

        publisher(client).sweepRequested(List.of(), AT);

        assertThat(client.calls).isEmpty();
    }
}

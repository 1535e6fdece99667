package com.salesconnect.tasksync.simulation;

import com.salesconnect.tasksync.events.PublishException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simulated bus packs a fan-out as the real publisher does, so a world of any size can tick. */
class EventBusTest {

    private static final Instant TICK = Instant.parse("2026-12-06T02:30:00Z");

    @Test
    void aFanOutOf25Users_isQueuedAsThreeEventsOfAtMostTenUsers_allCarryingTheTicksTime() {
        EventBus bus = new EventBus(new FaultInjector(new StringBuilder()));

        bus.sweepRequested(users(25), TICK);

        List<EventBus.Event> events = drain(bus);
        assertThat(events).extracting(e -> e.userIds.size()).containsExactly(10, 10, 5);
        assertThat(events).extracting(e -> e.scheduledAt).containsOnly(TICK);
        assertThat(events).flatExtracting(e -> e.userIds).containsExactlyElementsOf(users(25));
    }

    @Test
    void aFailedSecondPutEventsCall_losesOnlyItsOwnEvents_theFirstCallsHundredUsersAreQueued() {
        FaultInjector faults = new FaultInjector(new StringBuilder());
        EventBus bus = new EventBus(faults);
        faults.arm(new Fault(FaultKind.EVENT_PUBLISH_FAILED, 2), null);

        assertThatThrownBy(() -> bus.sweepRequested(users(150), TICK)).isInstanceOf(PublishException.class);

        List<EventBus.Event> events = drain(bus);
        assertThat(events).hasSize(10);
        assertThat(events).flatExtracting(e -> e.userIds).containsExactlyElementsOf(users(100));
    }

    private static List<String> users(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> "user-" + i).toList();
    }

    private static List<EventBus.Event> drain(EventBus bus) {
        List<EventBus.Event> events = new ArrayList<>();
        while (!bus.isEmpty()) {
            events.add(bus.take(0));
        }
        return events;
    }
}

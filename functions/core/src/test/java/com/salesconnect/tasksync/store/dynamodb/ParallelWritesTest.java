package com.salesconnect.tasksync.store.dynamodb;

import com.salesconnect.tasksync.store.StoreException;
import com.salesconnect.tasksync.store.WriteConflictException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParallelWritesTest {

    @Test
    void resultsComeInTheItemsOrder_andWritesOverlap() {
        // Four writes that each wait for all four to have started: they finish only when they run together.
        CountDownLatch started = new CountDownLatch(4);
        List<Integer> out = ParallelWrites.each(List.of(1, 2, 3, 4), i -> {
            started.countDown();
            try {
                assertThat(started.await(10, TimeUnit.SECONDS)).as("the writes run together").isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return i * 10;
        });

        assertThat(out).containsExactly(10, 20, 30, 40);
    }

    @Test
    void writesRunUnderTheCallersThreadName() {
        String caller = Thread.currentThread().getName();
        Set<String> names = ConcurrentHashMap.newKeySet();

        ParallelWrites.each(IntStream.range(0, 20).boxed().toList(), i -> names.add(Thread.currentThread().getName()));

        assertThat(names).containsExactly(caller);
    }

    @Test
    void aFailedWrite_isThrownAfterEveryOtherWriteIsDone() {
        Set<Integer> done = ConcurrentHashMap.newKeySet();

        assertThatThrownBy(() -> ParallelWrites.each(IntStream.range(0, 30).boxed().toList(), i -> {
            if (i == 3) {
                throw new StoreException("injected", null);
            }
            if (i == 7) {
                throw new WriteConflictException("later");
            }
            done.add(i);
            return i;
        })).isInstanceOf(StoreException.class).hasMessage("injected");

        assertThat(done).hasSize(28);
    }
}

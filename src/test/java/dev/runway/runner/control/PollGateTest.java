package dev.runway.runner.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class PollGateTest {

  private static final long WAIT_SECONDS = 10;

  private final PollGate gate = new PollGate();
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() throws InterruptedException {
    threads.shutdownNow();
    assertTrue(threads.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS));
  }

  /** A poll that counts its runs and concurrency; its first run waits for the test. */
  private static final class BlockingPoll implements Runnable {

    final CountDownLatch firstEntered = new CountDownLatch(1);
    final CountDownLatch releaseFirst = new CountDownLatch(1);
    final AtomicInteger runs = new AtomicInteger();
    final AtomicInteger inside = new AtomicInteger();
    final AtomicInteger maxInside = new AtomicInteger();

    @Override
    public void run() {
      int now = inside.incrementAndGet();
      maxInside.accumulateAndGet(now, Math::max);
      try {
        if (runs.incrementAndGet() == 1) {
          firstEntered.countDown();
          await(releaseFirst);
        }
      } finally {
        inside.decrementAndGet();
      }
    }

    void awaitFirstEntered() {
      await(firstEntered);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(WAIT_SECONDS, TimeUnit.SECONDS), "timed out");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static void get(Future<?> future) throws Exception {
    future.get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  @Test
  void aSingleRequestPollsOnce() {
    AtomicInteger runs = new AtomicInteger();

    gate.request(runs::incrementAndGet);

    assertEquals(1, runs.get());
  }

  @Test
  void sequentialRequestsPollOnceEach() {
    AtomicInteger runs = new AtomicInteger();

    gate.request(runs::incrementAndGet);
    gate.request(runs::incrementAndGet);
    gate.request(runs::incrementAndGet);

    assertEquals(3, runs.get());
  }

  @Test
  void aRequestDuringAPollDoesNotRunASecondPollInParallel() throws Exception {
    BlockingPoll poll = new BlockingPoll();

    Future<?> first = threads.submit(() -> gate.request(poll));
    poll.awaitFirstEntered();
    Future<?> second = threads.submit(() -> gate.request(poll));
    get(second);

    assertEquals(1, poll.runs.get(), "the second request must not poll while the first runs");
    assertFalse(first.isDone());
    poll.releaseFirst.countDown();
    get(first);
    assertEquals(1, poll.maxInside.get());
  }

  @Test
  void aRequestArrivingDuringAPollCausesExactlyOneMorePollAfterIt() throws Exception {
    BlockingPoll poll = new BlockingPoll();

    Future<?> first = threads.submit(() -> gate.request(poll));
    poll.awaitFirstEntered();
    get(threads.submit(() -> gate.request(poll)));
    poll.releaseFirst.countDown();
    get(first);

    assertEquals(2, poll.runs.get());
    assertEquals(1, poll.maxInside.get());
  }

  @Test
  void manyRequestsDuringAPollAreServedByOneMorePoll() throws Exception {
    BlockingPoll poll = new BlockingPoll();

    Future<?> first = threads.submit(() -> gate.request(poll));
    poll.awaitFirstEntered();
    for (int i = 0; i < 5; i++) {
      get(threads.submit(() -> gate.request(poll)));
    }
    poll.releaseFirst.countDown();
    get(first);

    assertEquals(2, poll.runs.get());
    assertEquals(1, poll.maxInside.get());
  }

  @Test
  void concurrentRequestsNeverOverlapAndNoneIsLost() throws Exception {
    int threadCount = 8;
    int requestsEach = 2_000;
    AtomicLong requestsMade = new AtomicLong();
    AtomicLong seenByLastPoll = new AtomicLong();
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger maxInside = new AtomicInteger();
    Runnable poll =
        () -> {
          maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
          seenByLastPoll.set(requestsMade.get());
          inside.decrementAndGet();
        };
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> workers = new ArrayList<>();

    for (int t = 0; t < threadCount; t++) {
      workers.add(
          threads.submit(
              () -> {
                await(go);
                for (int i = 0; i < requestsEach; i++) {
                  requestsMade.incrementAndGet();
                  gate.request(poll);
                }
              }));
    }
    go.countDown();
    for (Future<?> worker : workers) {
      get(worker);
    }

    assertEquals(1, maxInside.get(), "polls overlapped");
    assertEquals(
        (long) threadCount * requestsEach,
        seenByLastPoll.get(),
        "a poll must start after every request; the last one saw fewer");
  }

  @Test
  void aFailingPollReachesTheRequesterAndDoesNotBlockLaterPolls() {
    IllegalStateException failure = new IllegalStateException("store down");
    AtomicInteger runs = new AtomicInteger();

    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                gate.request(
                    () -> {
                      runs.incrementAndGet();
                      throw failure;
                    }));
    gate.request(runs::incrementAndGet);

    assertSame(failure, thrown);
    assertEquals(2, runs.get());
  }

  @Test
  void aRequestFromInsideThePollRunsAfterItNotNestedInIt() {
    AtomicInteger runs = new AtomicInteger();
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger maxInside = new AtomicInteger();
    Runnable[] poll = new Runnable[1];
    poll[0] =
        () -> {
          maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
          try {
            if (runs.incrementAndGet() == 1) {
              gate.request(poll[0]);
            }
          } finally {
            inside.decrementAndGet();
          }
        };

    gate.request(poll[0]);

    assertEquals(2, runs.get());
    assertEquals(1, maxInside.get());
  }

  @Test
  void afterABlockedPollEndsTheNextRequestFromAnotherThreadPollsAgain() throws Exception {
    BlockingPoll poll = new BlockingPoll();
    Future<?> first = threads.submit(() -> gate.request(poll));
    poll.awaitFirstEntered();
    poll.releaseFirst.countDown();
    get(first);

    get(threads.submit(() -> gate.request(poll)));

    assertEquals(2, poll.runs.get());
  }
}

package dev.runway.processes.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real processes: what the sentinel kills when its server dies, and what it spares. */
class SentinelTest {

  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void killWhatIsLeft() {
    started.forEach(Process::destroyForcibly);
  }

  private Process sleep(String instance) throws IOException {
    ProcessBuilder builder = new ProcessBuilder("/bin/sleep", "300");
    builder.environment().put(Sentinel.MARKER, instance);
    Process process = builder.start();
    started.add(process);
    return process;
  }

  @Test
  void whenTheServerDiesItsRunsProcessesDieAndOthersLive() throws Exception {
    Sentinel sentinel = Sentinel.start();
    Process mine = sleep(sentinel.instance());
    Process another = sleep(UUID.randomUUID().toString());

    sentinel.lifelineLost();

    await(() -> !ProcessTree.isRunning(mine.pid()));
    await(() -> !sentinel.isAlive());
    assertTrue(another.isAlive(), "another node instance's process lives on");
  }

  @Test
  void aRetiredSentinelKillsNothing() throws Exception {
    Sentinel sentinel = Sentinel.start();
    Process mine = sleep(sentinel.instance());

    sentinel.retire();

    assertFalse(sentinel.isAlive());
    Thread.sleep(200);
    assertTrue(mine.isAlive(), "a node stopping in good order ends its runs itself");
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (!condition.getAsBoolean()) {
      assertTrue(Instant.now().isBefore(deadline), "not within 10 s");
      Thread.sleep(20);
    }
  }
}

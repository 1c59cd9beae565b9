package dev.runway.processes.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real processes: what a run's tree is made of, and that killing it leaves nothing running. */
class ProcessTreeTest {

  private final UUID runId = UUID.randomUUID();
  private final List<Long> started = new ArrayList<>();

  @AfterEach
  void killWhatIsLeft() {
    started.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
  }

  /** Starts {@code script} with the run's marker; returns it and the pid its first line names. */
  private Process start(String script) throws IOException {
    ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", script);
    builder.environment().put(ProcessTree.MARKER, runId.toString());
    Process process = builder.start();
    started.add(process.pid());
    return process;
  }

  private long firstLinePid(Process process) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    long pid = Long.parseLong(out.readLine().trim());
    started.add(pid);
    return pid;
  }

  @Test
  void aGrandchildThatLeftItsParentAndSessionIsStillAMember() throws Exception {
    // The grandchild prints its own pid, so the pid is the sleep's whatever setsid forks.
    Process process =
        start("/bin/sh -c 'setsid /bin/sh -c \"echo \\$\\$; exec sleep 300\" &'; sleep 300");
    long escaped = firstLinePid(process);
    assertTrue(ProcessTree.isRunning(escaped));

    ProcessTree tree = new ProcessTree(process.toHandle(), runId);

    assertTrue(tree.members().containsKey(escaped), "found by its marker");
    tree.kill();
    await(() -> !ProcessTree.isRunning(escaped) && !process.isAlive());
    assertFalse(tree.isAlive());
  }

  @Test
  void sigtermEndsATreeThatHonoursItAndSparesOneThatIgnoresIt() throws Exception {
    Process polite = start("sleep 300 & echo $!; wait");
    long politeChild = firstLinePid(polite);
    Process stubborn = start("trap '' TERM; sleep 300 & echo $!; wait");
    long stubbornChild = firstLinePid(stubborn);

    new ProcessTree(polite.toHandle(), runId).terminate();

    await(() -> !ProcessTree.isRunning(politeChild) && !polite.isAlive());
    assertTrue(stubborn.isAlive(), "the marker is shared here, yet TERM is ignored");
    assertTrue(ProcessTree.isRunning(stubbornChild));
  }

  @Test
  void anotherRunsProcessesAreNotMembers() throws Exception {
    Process mine = start("sleep 300");
    ProcessBuilder other = new ProcessBuilder("/bin/sleep", "300");
    other.environment().put(ProcessTree.MARKER, UUID.randomUUID().toString());
    Process theirs = other.start();
    started.add(theirs.pid());

    ProcessTree tree = new ProcessTree(mine.toHandle(), runId);
    tree.kill();

    await(() -> !mine.isAlive());
    assertTrue(theirs.isAlive());
  }

  @Test
  void aPidWhoseStartInstantDiffersIsNotTheRunsProcess() throws Exception {
    Process process = new ProcessBuilder("/bin/sleep", "300").start();
    started.add(process.pid());

    ProcessTree.ofRun(runId, process.pid(), Instant.EPOCH).kill();

    assertTrue(process.isAlive(), "a reused pid is never signalled");
    Instant start = process.info().startInstant().orElseThrow();
    ProcessTree.ofRun(runId, process.pid(), start).kill();
    await(() -> !process.isAlive());
  }

  @Test
  void markedProcessesAreFoundByRun() throws Exception {
    ProcessBuilder builder = new ProcessBuilder("/bin/sleep", "300");
    builder.environment().put(ProcessTree.MARKER, runId.toString());
    Process process = builder.start();
    started.add(process.pid());

    assertEquals(
        List.of(process.pid()),
        ProcessTree.markedByRun().get(runId).stream().map(ProcessHandle::pid).toList());
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (!condition.getAsBoolean()) {
      assertTrue(Instant.now().isBefore(deadline), "not within 10 s");
      Thread.sleep(20);
    }
  }
}

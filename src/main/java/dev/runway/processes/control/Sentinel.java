package dev.runway.processes.control;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A small process that outlives this server only to kill what the server leaves running. It waits
 * for the end of a pipe that only this JVM holds open; when the JVM dies without ending its runs
 * (kill -9, out of memory, power cut of the JVM alone), the pipe closes and the sentinel kills
 * every process whose environment carries this node instance's {@link #MARKER}. The runs' processes
 * therefore die with their node, and a run that another node retries never runs next to its
 * previous attempt. A node that stops in good order retires its sentinel first.
 */
public final class Sentinel {

  /** The variable every run's process of this node instance carries. */
  public static final String MARKER = "RUNWAY_NODE_INSTANCE";

  private static final Logger LOG = System.getLogger(Sentinel.class.getName());
  private static final String SCRIPT =
      "cat >/dev/null; for e in /proc/[0-9]*/environ; do"
          + " if grep -qz \"^"
          + MARKER
          + "=$RUNWAY_SENTINEL_OF\\$\" \"$e\" 2>/dev/null; then"
          + " p=${e#/proc/}; kill -9 \"${p%/environ}\" 2>/dev/null; fi; done";

  private final String instance;
  private final Process process;
  private final OutputStream lifeline;

  private Sentinel(String instance, Process process) {
    this.instance = instance;
    this.process = process;
    this.lifeline = process.getOutputStream();
  }

  /** Starts the sentinel of a new node instance. */
  public static Sentinel start() throws IOException {
    String instance = UUID.randomUUID().toString();
    ProcessBuilder builder =
        new ProcessBuilder("/bin/sh", "-c", SCRIPT)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().remove(MARKER);
    builder.environment().put("RUNWAY_SENTINEL_OF", instance);
    return new Sentinel(instance, builder.start());
  }

  /** The value of {@link #MARKER} for this node instance's processes. */
  public String instance() {
    return instance;
  }

  /** The pipe breaks as when this JVM dies: the sentinel kills the processes and ends. */
  void lifelineLost() throws IOException {
    lifeline.close();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Ends the sentinel without letting it kill anything: this node is stopping in good order. */
  public void retire() {
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      lifeline.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "The sentinel's pipe was already closed: {0}", e.toString());
    }
  }
}

package dev.runway.processes.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Every process a run started: its own process, the descendants still linked to it, and on Linux
 * any process whose environment carries the run's {@code RUNWAY_FLOW_RUN_ID} (a grandchild whose
 * parent died, one that called {@code setsid}, one of an earlier attempt). A process is known by
 * its pid together with its start instant, so a pid the system reused is never signalled.
 */
public final class ProcessTree {

  static final String MARKER = "RUNWAY_FLOW_RUN_ID";
  private static final Path PROC = Path.of("/proc");
  private static final int KILL_ROUNDS = 5;

  private final Optional<ProcessHandle> root;
  private final byte[] marker;

  public ProcessTree(ProcessHandle root, UUID runId) {
    this(Optional.of(root), runId);
  }

  private ProcessTree(Optional<ProcessHandle> root, UUID runId) {
    this.root = root;
    this.marker = (MARKER + "=" + runId).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * What is left of a run whose supervisor is gone: its process if {@code pid} still names the
   * process started at {@code started}, with its descendants, and whatever carries its marker.
   */
  public static ProcessTree ofRun(UUID runId, Long pid, Instant started) {
    Optional<ProcessHandle> root =
        pid == null || started == null
            ? Optional.empty()
            : ProcessHandle.of(pid).filter(h -> startOf(h).equals(started));
    return new ProcessTree(root, runId);
  }

  /**
   * The running processes of this host that carry a run's marker, by run: what a sweep for
   * processes that outlived their run looks at. Empty where there is no /proc.
   */
  public static Map<UUID, List<ProcessHandle>> markedByRun() {
    Map<UUID, List<ProcessHandle>> byRun = new HashMap<>();
    if (!Files.isDirectory(PROC)) {
      return byRun;
    }
    byte[] prefix = (MARKER + "=").getBytes(StandardCharsets.US_ASCII);
    long self = ProcessHandle.current().pid();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
      for (Path entry : entries) {
        long pid = Long.parseLong(entry.getFileName().toString());
        if (pid == self || !isRunning(pid)) {
          continue;
        }
        runOf(entry.resolve("environ"), prefix)
            .ifPresent(
                run ->
                    ProcessHandle.of(pid)
                        .ifPresent(h -> byRun.computeIfAbsent(run, r -> new ArrayList<>()).add(h)));
      }
    } catch (IOException | RuntimeException e) {
      // /proc changes while it is read: what could be read is what there is.
    }
    return byRun;
  }

  private static Optional<UUID> runOf(Path environ, byte[] prefix) {
    byte[] env;
    try {
      env = Files.readAllBytes(environ);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    int length = 36;
    for (int i = 0; i + prefix.length + length <= env.length; i++) {
      if ((i == 0 || env[i - 1] == 0) && startsWith(env, i, prefix)) {
        try {
          return Optional.of(
              UUID.fromString(
                  new String(env, i + prefix.length, length, StandardCharsets.US_ASCII)));
        } catch (IllegalArgumentException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] env, int at, byte[] prefix) {
    for (int j = 0; j < prefix.length; j++) {
      if (env[at + j] != prefix[j]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Ends every member at once (SIGKILL); how many were signalled. A member may have forked while
   * the tree was read, so the tree is read again after each round until no new member shows up.
   */
  public int kill() {
    Map<Long, ProcessHandle> signalled = new HashMap<>();
    for (int round = 0; round < KILL_ROUNDS; round++) {
      Map<Long, ProcessHandle> fresh = members();
      fresh.keySet().removeAll(signalled.keySet());
      if (fresh.isEmpty()) {
        break;
      }
      fresh.values().forEach(ProcessHandle::destroyForcibly);
      signalled.putAll(fresh);
    }
    return signalled.size();
  }

  /** Whether any member is still alive. */
  public boolean isAlive() {
    return !members().isEmpty();
  }

  /** Asks every member to end (SIGTERM); how many were signalled. */
  public int terminate() {
    int signalled = 0;
    for (ProcessHandle member : members().values()) {
      if (member.destroy()) {
        signalled++;
      }
    }
    return signalled;
  }

  /** The live members, by pid; a pid seen twice is one process. */
  Map<Long, ProcessHandle> members() {
    Map<Long, ProcessHandle> members = new LinkedHashMap<>();
    root.filter(ProcessHandle::isAlive)
        .ifPresent(
            r -> {
              members.put(r.pid(), r);
              r.descendants().filter(h -> isRunning(h.pid())).forEach(h -> members.put(h.pid(), h));
            });
    markedProcesses(members);
    return members;
  }

  /** Adds the live processes whose environment names this run; nothing where there is no /proc. */
  private void markedProcesses(Map<Long, ProcessHandle> members) {
    if (!Files.isDirectory(PROC)) {
      return;
    }
    long self = ProcessHandle.current().pid();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
      for (Path entry : entries) {
        long pid = Long.parseLong(entry.getFileName().toString());
        if (pid != self && !members.containsKey(pid) && carriesMarker(entry.resolve("environ"))) {
          ProcessHandle.of(pid).filter(h -> isRunning(pid)).ifPresent(h -> members.put(pid, h));
        }
      }
    } catch (IOException | RuntimeException e) {
      // /proc changes while it is read: what could be read is what there is.
    }
  }

  private boolean carriesMarker(Path environ) {
    byte[] env;
    try {
      env = Files.readAllBytes(environ);
    } catch (IOException | RuntimeException e) {
      return false; // gone, or another user's
    }
    for (int i = 0; i + marker.length <= env.length; i++) {
      if ((i == 0 || env[i - 1] == 0) && startsWith(env, i, marker)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the process runs: alive and not a zombie waiting for a parent that never reaps it (a
   * container whose first process reaps nothing keeps killed orphans as zombies, which Java still
   * calls alive).
   */
  public static boolean isRunning(long pid) {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent() && !isZombie(pid);
  }

  private static boolean isZombie(long pid) {
    try {
      String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
      int end = stat.lastIndexOf(')');
      return end >= 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  static Instant startOf(ProcessHandle handle) {
    return handle.info().startInstant().orElse(Instant.EPOCH);
  }
}

package dev.runway.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a server JVM holds at one moment: heap in use after a full GC (through {@code jcmd}), live
 * threads and resident memory (from {@code /proc/<pid>/status}). Linux only, as Runway's sentinel.
 */
record ServerFootprint(long heapUsedBytes, int threads, long rssBytes) {

  /** {@code used 20480K} on a heap line of {@code GC.heap_info}, whatever the collector. */
  private static final Pattern USED = Pattern.compile("used (\\d+)([KMG])");

  /** Measures the JVM {@code jvm}: a full GC first, so that only live objects count. */
  static ServerFootprint of(ProcessHandle jvm) {
    Path jcmd = jcmd(jvm);
    run(jcmd, jvm, "GC.run");
    long heap = heapUsed(run(jcmd, jvm, "GC.heap_info"));
    List<String> status = status(jvm);
    return new ServerFootprint(
        heap, (int) field(status, "Threads:"), field(status, "VmRSS:") * 1024);
  }

  /**
   * The JVM's live threads by kind, their names with numbers left out ({@code process reaper},
   * {@code EE-ManagedExecutorService-runway-processes-Thread-#}), through {@code jcmd
   * Thread.print}.
   */
  static Map<String, Integer> threadKinds(ProcessHandle jvm) {
    Map<String, Integer> kinds = new TreeMap<>();
    for (String line : run(jcmd(jvm), jvm, "Thread.print").split("\n")) {
      int end = line.indexOf('"', 1);
      if (line.startsWith("\"") && end > 0) {
        kinds.merge(line.substring(1, end).replaceAll("\\d+", "#"), 1, Integer::sum);
      }
    }
    return kinds;
  }

  /** The kinds of thread that grew from {@code before} to {@code during}, most grown first. */
  static String growth(Map<String, Integer> before, Map<String, Integer> during) {
    return during.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0)))
        .filter(e -> e.getValue() != 0)
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(8)
        .map(e -> e.getKey() + " " + (e.getValue() > 0 ? "+" : "") + e.getValue())
        .collect(Collectors.joining(", "));
  }

  /** What {@code during} holds beyond this sample, per one of {@code count} supervised runs. */
  String perRun(ServerFootprint during, int count) {
    return String.format(
        "heap %.1f KiB, threads %.2f, RSS %.1f KiB",
        (during.heapUsedBytes - heapUsedBytes) / 1024.0 / count,
        (during.threads - threads) / (double) count,
        (during.rssBytes - rssBytes) / 1024.0 / count);
  }

  @Override
  public String toString() {
    return String.format(
        "heap used %.1f MiB, %d threads, RSS %.1f MiB",
        heapUsedBytes / 1048576.0, threads, rssBytes / 1048576.0);
  }

  /**
   * The used heap of {@code GC.heap_info}: the sum over its heap lines (G1's one line, the two
   * generations of Parallel and Serial, ZGC's ZHeap), Metaspace and class space left out. -1 when
   * no line could be read (another collector's layout).
   */
  static long heapUsed(String heapInfo) {
    long used = 0;
    boolean found = false;
    for (String line : heapInfo.split("\n")) {
      boolean heapLine = line.contains("total") || line.strip().startsWith("ZHeap");
      if (!heapLine || line.contains("Metaspace") || line.contains("class space")) {
        continue;
      }
      Matcher match = USED.matcher(line);
      if (match.find()) {
        used += Long.parseLong(match.group(1)) * unit(match.group(2));
        found = true;
      }
    }
    return found ? used : -1;
  }

  private static long unit(String suffix) {
    return switch (suffix) {
      case "K" -> 1024L;
      case "M" -> 1024L * 1024;
      default -> 1024L * 1024 * 1024;
    };
  }

  /** The jcmd beside the server's java, else the one of the JDK running the benchmark. */
  private static Path jcmd(ProcessHandle jvm) {
    Path beside =
        jvm.info().command().map(java -> Path.of(java).resolveSibling("jcmd")).orElse(null);
    if (beside != null && Files.isExecutable(beside)) {
      return beside;
    }
    return Path.of(System.getProperty("java.home"), "bin", "jcmd");
  }

  private static String run(Path jcmd, ProcessHandle jvm, String command) {
    try {
      Process process =
          new ProcessBuilder(jcmd.toString(), Long.toString(jvm.pid()), command)
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(jcmd + " " + command + " failed: " + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static List<String> status(ProcessHandle jvm) {
    try {
      return Files.readAllLines(Path.of("/proc", Long.toString(jvm.pid()), "status"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The number of a {@code /proc/<pid>/status} line such as {@code VmRSS: 123456 kB}. */
  private static long field(List<String> status, String name) {
    return status.stream()
        .filter(line -> line.startsWith(name))
        .map(line -> Long.parseLong(line.substring(name.length()).replaceAll("\\D", "")))
        .findFirst()
        .orElse(-1L);
  }
}

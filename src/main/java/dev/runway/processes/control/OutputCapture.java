package dev.runway.processes.control;

import dev.runway.processes.entity.OutputLine;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects one run's stdout and stderr lines, numbered and timestamped as they are read, until they
 * are drained to the store. Both streams' readers share it, so the numbers give one order.
 */
final class OutputCapture {

  private final Clock clock;
  private final List<OutputLine> pending = new ArrayList<>();
  private long seq;

  /** Numbers lines after {@code lastSeq}, the last line an earlier attempt of the run left. */
  OutputCapture(Clock clock, long lastSeq) {
    this.clock = clock;
    this.seq = lastSeq;
  }

  /** Reads the stream to its end; an I/O error ends the stream, never the run. */
  void pump(InputStream in, String stream) {
    try (in) {
      LineSplitter.split(in, text -> add(stream, text));
    } catch (IOException e) {
      // The pipe was closed under the reader after the process ended; its last line was kept.
    }
  }

  synchronized void add(String stream, String text) {
    pending.add(new OutputLine(++seq, clock.instant(), stream, text));
  }

  /** Puts back lines the store could not take, ahead of newer ones. */
  synchronized void restore(List<OutputLine> lines) {
    pending.addAll(0, lines);
  }

  synchronized List<OutputLine> drain() {
    List<OutputLine> lines = List.copyOf(pending);
    pending.clear();
    return lines;
  }
}

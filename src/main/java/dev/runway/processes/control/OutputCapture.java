package dev.runway.processes.control;

import dev.runway.processes.entity.OutputLine;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects one run's stdout and stderr lines, numbered and timestamped as they are read, until they
 * are drained to the store. Nobody blocks on the pipes: the watch reads what they hold on each of
 * its ticks, and the exit what is left; both streams share the numbering, so it gives one order.
 */
final class OutputCapture {

  /** The most bytes one read takes from one stream, so that a chatty run holds up no other. */
  static final int READ_BUDGET = 1024 * 1024;

  private static final int CHUNK = 8192;

  private final Clock clock;
  private final Source stdout;
  private final Source stderr;
  private final Object reading = new Object();
  private final List<OutputLine> pending = new ArrayList<>();
  private long seq;

  /** Numbers lines after {@code lastSeq}, the last line an earlier attempt of the run left. */
  OutputCapture(Clock clock, long lastSeq, InputStream stdout, InputStream stderr) {
    this.clock = clock;
    this.seq = lastSeq;
    this.stdout = new Source(stdout, OutputLine.STDOUT);
    this.stderr = new Source(stderr, OutputLine.STDERR);
  }

  /** Reads what the pipes hold now, without waiting for more. */
  void poll() {
    synchronized (reading) {
      stdout.readAvailable(READ_BUDGET);
      stderr.readAvailable(READ_BUDGET);
    }
  }

  /**
   * The process has exited: reads what its pipes still hold and closes them. What it wrote is in
   * them by now; a background child that keeps them open is not waited for.
   */
  void drainAndClose() {
    synchronized (reading) {
      stdout.readAvailable(Long.MAX_VALUE);
      stderr.readAvailable(Long.MAX_VALUE);
      stdout.close();
      stderr.close();
    }
  }

  synchronized void add(String stream, String text) {
    pending.add(new OutputLine(++seq, clock.instant(), stream, text));
  }

  synchronized boolean hasPending() {
    return !pending.isEmpty();
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

  /** One pipe, cut into lines; read under the capture's reading lock only. */
  private final class Source {
    private final InputStream in;
    private final LineSplitter splitter;
    private boolean closed;

    Source(InputStream in, String stream) {
      this.in = in;
      this.splitter = new LineSplitter(text -> add(stream, text));
    }

    /** Reads while the pipe holds bytes, up to {@code budget}; an I/O error ends the stream. */
    void readAvailable(long budget) {
      if (closed) {
        return;
      }
      try {
        long left = budget;
        byte[] buffer = null;
        for (int n; left > 0 && (n = in.available()) > 0; ) {
          buffer = buffer == null ? new byte[CHUNK] : buffer;
          int read = in.read(buffer, 0, (int) Math.min(Math.min(n, CHUNK), left));
          if (read < 0) {
            close();
            return;
          }
          splitter.feed(buffer, read);
          left -= read;
        }
      } catch (IOException e) {
        // The pipe broke; its last line is kept and the run goes on.
        close();
      }
    }

    void close() {
      if (closed) {
        return;
      }
      closed = true;
      splitter.finish();
      try {
        in.close();
      } catch (IOException e) {
        // Closing only gives the pipe back; there is nothing more to read from it either way.
      }
    }
  }
}

package dev.runway.processes.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Cuts a stream into lines. A line longer than {@link #MAX_LINE} characters is cut into pieces of
 * at most that size (never inside a character), so that a program printing without newlines cannot
 * exhaust the server's memory.
 */
final class LineSplitter {

  static final int MAX_LINE = 16 * 1024;

  private final Consumer<String> lines;
  private final StringBuilder line = new StringBuilder();
  private boolean justCut;

  private LineSplitter(Consumer<String> lines) {
    this.lines = lines;
  }

  /**
   * Reads until end of stream, line by line. When the stream is closed under it, the unfinished
   * last line is still handed over before the error is thrown.
   */
  static void split(InputStream in, Consumer<String> lines) throws IOException {
    LineSplitter splitter = new LineSplitter(lines);
    try {
      splitter.read(new InputStreamReader(in, StandardCharsets.UTF_8));
    } finally {
      splitter.emitRest();
    }
  }

  private void read(Reader reader) throws IOException {
    char[] buffer = new char[8192];
    for (int n; (n = reader.read(buffer)) != -1; ) {
      for (int i = 0; i < n; i++) {
        accept(buffer[i]);
      }
    }
  }

  private void accept(char c) {
    if (c == '\n') {
      if (!(justCut && line.length() == 0)) {
        emit();
      }
      justCut = false;
      return;
    }
    line.append(c);
    justCut = false;
    if (line.length() >= MAX_LINE) {
      cut();
    }
  }

  /** Emits a full piece, keeping a high surrogate for the next one so no character splits. */
  private void cut() {
    char last = line.charAt(line.length() - 1);
    if (Character.isHighSurrogate(last)) {
      line.setLength(line.length() - 1);
      emit();
      line.append(last);
    } else {
      emit();
      justCut = true;
    }
  }

  private void emitRest() {
    if (line.length() > 0) {
      emit();
    }
  }

  private void emit() {
    int end = line.length();
    if (end > 0 && line.charAt(end - 1) == '\r') {
      end--;
    }
    lines.accept(line.substring(0, end));
    line.setLength(0);
  }
}

package dev.runway.processes.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Cuts a stream into lines. A line longer than {@link #MAX_LINE} characters is cut into pieces
 * of that size, so that a program printing without newlines cannot exhaust the server's memory.
 */
final class LineSplitter {

  static final int MAX_LINE = 16 * 1024;

  private LineSplitter() {}

  /** Reads until end of stream (or until the stream is closed under it), line by line. */
  static void split(InputStream in, Consumer<String> lines) throws IOException {
    Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
    char[] buffer = new char[8192];
    StringBuilder line = new StringBuilder();
    for (int n; (n = reader.read(buffer)) != -1; ) {
      for (int i = 0; i < n; i++) {
        char c = buffer[i];
        if (c == '\n') {
          emit(line, lines);
        } else {
          line.append(c);
          if (line.length() >= MAX_LINE) {
            emit(line, lines);
          }
        }
      }
    }
    if (line.length() > 0) {
      emit(line, lines);
    }
  }

  private static void emit(StringBuilder line, Consumer<String> lines) {
    int end = line.length();
    if (end > 0 && line.charAt(end - 1) == '\r') {
      end--;
    }
    lines.accept(line.substring(0, end));
    line.setLength(0);
  }
}

package dev.runway.processes.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Cuts a stream of UTF-8 bytes into lines, as the bytes come: each chunk hands over the lines it
 * completes and keeps the unfinished last one, and the bytes of a character cut between chunks, for
 * the next. A line longer than {@link #MAX_LINE} characters is cut into pieces of at most that size
 * (never inside a character), so that a program printing without newlines cannot exhaust the
 * server's memory. Bytes that are not UTF-8 become U+FFFD.
 */
final class LineSplitter {

  static final int MAX_LINE = 16 * 1024;

  private static final byte[] NONE = new byte[0];

  private final Consumer<String> lines;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private final StringBuilder line = new StringBuilder();
  private byte[] unfinished = NONE;
  private boolean justCut;

  LineSplitter(Consumer<String> lines) {
    this.lines = lines;
  }

  /**
   * Reads until end of stream, line by line. When the stream is closed under it, the unfinished
   * last line is still handed over before the error is thrown.
   */
  static void split(InputStream in, Consumer<String> lines) throws IOException {
    LineSplitter splitter = new LineSplitter(lines);
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) != -1; ) {
        splitter.feed(buffer, n);
      }
    } finally {
      splitter.finish();
    }
  }

  /** Takes the next {@code length} bytes of the stream; hands over every line they complete. */
  void feed(byte[] bytes, int length) {
    ByteBuffer in = join(bytes, length);
    decode(in, false);
    unfinished = in.hasRemaining() ? new byte[in.remaining()] : NONE;
    in.get(unfinished);
  }

  /** The stream has ended: hands over the unfinished last line, if any. */
  void finish() {
    decode(ByteBuffer.wrap(unfinished), true);
    unfinished = NONE;
    if (line.length() > 0) {
      emit();
    }
  }

  private ByteBuffer join(byte[] bytes, int length) {
    if (unfinished.length == 0) {
      return ByteBuffer.wrap(bytes, 0, length);
    }
    ByteBuffer joined = ByteBuffer.allocate(unfinished.length + length);
    joined.put(unfinished).put(bytes, 0, length).flip();
    return joined;
  }

  /** Decodes what {@code in} holds, leaving in it the bytes of a character not finished yet. */
  private void decode(ByteBuffer in, boolean last) {
    CharBuffer chars = CharBuffer.allocate(Math.max(16, in.remaining()));
    CoderResult result;
    do {
      result = decoder.decode(in, chars, last);
      accept(chars);
    } while (result.isOverflow());
    if (last) {
      decoder.flush(chars);
      accept(chars);
    }
  }

  private void accept(CharBuffer chars) {
    chars.flip();
    while (chars.hasRemaining()) {
      accept(chars.get());
    }
    chars.clear();
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

  private void emit() {
    int end = line.length();
    if (end > 0 && line.charAt(end - 1) == '\r') {
      end--;
    }
    lines.accept(line.substring(0, end));
    line.setLength(0);
  }
}

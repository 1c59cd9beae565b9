package dev.runway.processes.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

  private static List<String> split(String text) throws IOException {
    return split(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<String> split(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    LineSplitter.split(in, lines::add);
    return lines;
  }

  @Test
  void linesAreSplitOnNewline() throws IOException {
    assertEquals(List.of("one", "two", "three"), split("one\ntwo\nthree\n"));
  }

  @Test
  void emptyInputGivesNoLines() throws IOException {
    assertEquals(List.of(), split(""));
  }

  @Test
  void emptyLinesAreKept() throws IOException {
    assertEquals(List.of("a", "", "", "b"), split("a\n\n\nb\n"));
  }

  @Test
  void crlfLineEndingsAreStripped() throws IOException {
    assertEquals(List.of("one", "two", ""), split("one\r\ntwo\r\n\r\n"));
  }

  @Test
  void aCarriageReturnInsideALineIsKept() throws IOException {
    assertEquals(List.of("50%\r75%"), split("50%\r75%\n"));
  }

  @Test
  void theLastLineWithoutNewlineIsEmitted() throws IOException {
    assertEquals(List.of("first", "last"), split("first\nlast"));
  }

  @Test
  void theLastLineWithoutNewlineLosesATrailingCarriageReturn() throws IOException {
    assertEquals(List.of("last"), split("last\r"));
  }

  @Test
  void anOverLongLineIsCutIntoPiecesOfMaxLine() throws IOException {
    int max = LineSplitter.MAX_LINE;
    String longLine = "x".repeat(2 * max + 5);

    List<String> lines = split(longLine + "\nafter\n");

    assertEquals(4, lines.size());
    assertEquals("x".repeat(max), lines.get(0));
    assertEquals("x".repeat(max), lines.get(1));
    assertEquals("x".repeat(5), lines.get(2));
    assertEquals("after", lines.get(3));
  }

  @Test
  void anOverLongOutputWithoutAnyNewlineIsStillCut() throws IOException {
    int max = LineSplitter.MAX_LINE;

    List<String> lines = split("y".repeat(max + 1));

    assertEquals(List.of("y".repeat(max), "y"), lines);
  }

  @Test
  void aLineJustUnderTheLimitIsOnePiece() throws IOException {
    String line = "z".repeat(LineSplitter.MAX_LINE - 1);

    assertEquals(List.of(line), split(line + "\n"));
  }

  @Test
  void aLineOfExactlyMaxLineIsOneLineWithoutASpuriousEmptyOne() throws IOException {
    String line = "z".repeat(LineSplitter.MAX_LINE);

    List<String> lines = split(line + "\nnext\n");

    assertEquals(List.of(LineSplitter.MAX_LINE, 4), lines.stream().map(String::length).toList());
    assertEquals("next", lines.get(1));
  }

  @Test
  void utf8MultibyteCharactersAreKept() throws IOException {
    assertEquals(
        List.of("héllo wörld", "€ 100", "日本語", "emoji 😀 ok"),
        split("héllo wörld\n€ 100\n日本語\nemoji 😀 ok\n"));
  }

  @Test
  void utf8CharactersSplitAcrossReadsAreKept() throws IOException {
    byte[] bytes = "ä€😀\nß\n".getBytes(StandardCharsets.UTF_8);
    InputStream oneByteAtATime =
        new ByteArrayInputStream(bytes) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1));
          }
        };

    assertEquals(List.of("ä€😀", "ß"), split(oneByteAtATime));
  }

  @Test
  void cuttingAnOverLongLineNeverSplitsACharacter() throws IOException {
    String line = "a".repeat(LineSplitter.MAX_LINE - 1) + "😀" + "b";

    List<String> lines = split(line + "\n");

    assertEquals(line, String.join("", lines));
    for (String piece : lines) {
      assertFalse(Character.isHighSurrogate(piece.charAt(piece.length() - 1)), "split pair");
      assertFalse(Character.isLowSurrogate(piece.charAt(0)), "split pair");
    }
  }

  @Test
  void linesReadBeforeAnIoErrorAreDeliveredAndTheErrorPropagates() {
    byte[] head = "complete\npartial".getBytes(StandardCharsets.UTF_8);
    InputStream failing =
        new InputStream() {
          private int next;

          @Override
          public int read() throws IOException {
            if (next < head.length) {
              return head[next++] & 0xff;
            }
            throw new IOException("pipe closed");
          }
        };
    List<String> lines = new ArrayList<>();

    assertThrows(IOException.class, () -> LineSplitter.split(failing, lines::add));

    assertTrue(lines.contains("complete"), lines.toString());
  }
}

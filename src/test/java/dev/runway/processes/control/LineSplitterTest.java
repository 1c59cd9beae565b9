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
import java.util.Arrays;
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

  // --- fed chunk by chunk, as the watch reads what a pipe holds -----------------------------

  private static List<String> fed(byte[]... chunks) {
    List<String> lines = new ArrayList<>();
    LineSplitter splitter = new LineSplitter(lines::add);
    for (byte[] chunk : chunks) {
      splitter.feed(chunk, chunk.length);
    }
    splitter.finish();
    return lines;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anUnfinishedLineWaitsForItsNewlineInALaterChunk() {
    List<String> lines = new ArrayList<>();
    LineSplitter splitter = new LineSplitter(lines::add);

    splitter.feed(utf8("done\npar"), 8);
    assertEquals(List.of("done"), lines);
    splitter.feed(utf8("tial\nnext"), 9);

    assertEquals(List.of("done", "partial"), lines);
  }

  @Test
  void theUnfinishedLastLineIsHandedOverWhenTheStreamEnds() {
    List<String> lines = new ArrayList<>();
    LineSplitter splitter = new LineSplitter(lines::add);
    splitter.feed(utf8("a\nlast\r"), 7);

    splitter.finish();

    assertEquals(List.of("a", "last"), lines);
  }

  @Test
  void everyCutBetweenTwoChunksGivesTheSameLinesAsTheWholeStream() throws IOException {
    String text = "héllo\r\n€ 100\n\n日本 😀\r\nlast";
    byte[] bytes = utf8(text);
    List<String> whole = split(text);

    for (int cut = 0; cut <= bytes.length; cut++) {
      byte[] head = Arrays.copyOfRange(bytes, 0, cut);
      byte[] tail = Arrays.copyOfRange(bytes, cut, bytes.length);
      assertEquals(whole, fed(head, tail), "cut after byte " + cut);
    }
  }

  @Test
  void aCharacterCutBetweenChunksIsKeptWhole() {
    byte[] euro = utf8("€\n");

    List<String> lines =
        fed(
            Arrays.copyOfRange(euro, 0, 1),
            Arrays.copyOfRange(euro, 1, 2),
            Arrays.copyOfRange(euro, 2, euro.length));

    assertEquals(List.of("€"), lines);
  }

  @Test
  void aCharacterTheStreamLeavesUnfinishedBecomesAReplacementCharacter() {
    byte[] euro = utf8("€");

    assertEquals(List.of("ok\uFFFD"), fed(utf8("ok"), Arrays.copyOf(euro, 2)));
  }

  @Test
  void bytesThatAreNotUtf8BecomeReplacementCharacters() {
    assertEquals(List.of("a\uFFFDb"), fed(new byte[] {'a', (byte) 0xff, 'b', '\n'}));
  }

  @Test
  void anOverLongLineFedInSmallChunksIsCutAsTheWholeStreamIs() throws IOException {
    String text = "z".repeat(LineSplitter.MAX_LINE * 2 + 3) + "\nend\n";
    byte[] bytes = utf8(text);
    List<byte[]> chunks = new ArrayList<>();
    for (int at = 0; at < bytes.length; at += 1000) {
      chunks.add(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + 1000)));
    }

    assertEquals(split(text), fed(chunks.toArray(new byte[0][])));
  }

  @Test
  void aFeedUsesOnlyTheGivenLengthOfItsBuffer() {
    assertEquals(List.of("ab"), fed(new byte[] {'a', 'b', '\n'}, new byte[0]));
    List<String> lines = new ArrayList<>();
    LineSplitter splitter = new LineSplitter(lines::add);

    splitter.feed(utf8("ab\ngarbage"), 3);
    splitter.finish();

    assertEquals(List.of("ab"), lines);
  }
}

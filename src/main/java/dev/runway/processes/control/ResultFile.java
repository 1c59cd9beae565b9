package dev.runway.processes.control;

import dev.runway.platform.control.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** The optional JSON a process leaves in {@code $RUNWAY_RESULT_FILE}, at most 1 MiB. */
final class ResultFile {

  static final long MAX_BYTES = 1024 * 1024;

  private static final Logger LOG = System.getLogger(ResultFile.class.getName());

  private ResultFile() {}

  /**
   * The file's JSON, or null when there is none, or when it is too large or not JSON: then {@code
   * dropped} hears why, in words for the run's log, and the run ends as its exit status says.
   */
  static String read(Path file, Consumer<String> dropped) {
    try {
      if (!Files.isRegularFile(file)) {
        return null;
      }
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        drop(dropped, file, "it has " + size + " bytes, over the limit of " + MAX_BYTES);
        return null;
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      try (JsonReader reader = Json.PROVIDER.createReader(new StringReader(text))) {
        return reader.readValue().toString();
      }
    } catch (JsonException e) {
      drop(dropped, file, "it is not JSON (" + e.getMessage() + ")");
    } catch (IOException e) {
      drop(dropped, file, "it could not be read (" + e + ")");
    }
    return null;
  }

  private static void drop(Consumer<String> dropped, Path file, String why) {
    LOG.log(Level.WARNING, "Result file {0} ignored: {1}", file, why);
    dropped.accept("Runway: the result in $RUNWAY_RESULT_FILE was dropped: " + why);
  }

  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Result file {0} could not be deleted: {1}", file, e.toString());
    }
  }
}

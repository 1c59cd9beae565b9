package dev.runway.processes.control;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.StringReader;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The optional JSON a process leaves in {@code $RUNWAY_RESULT_FILE}, at most 1 MiB. */
final class ResultFile {

  static final long MAX_BYTES = 1024 * 1024;

  private static final Logger LOG = System.getLogger(ResultFile.class.getName());

  private ResultFile() {}

  /** The file's JSON, or null when there is none or it is too large or not JSON (logged). */
  static String read(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        return null;
      }
      if (Files.size(file) > MAX_BYTES) {
        LOG.log(Level.WARNING, "Result file {0} is over 1 MiB; result ignored", file);
        return null;
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      try (JsonReader reader = Json.createReader(new StringReader(text))) {
        return reader.readValue().toString();
      }
    } catch (IOException | JsonParsingException e) {
      LOG.log(Level.WARNING, "Result file {0} is unreadable or not JSON; result ignored", file);
      return null;
    }
  }

  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Result file {0} could not be deleted: {1}", file, e.toString());
    }
  }
}

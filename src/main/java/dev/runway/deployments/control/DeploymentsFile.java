package dev.runway.deployments.control;

import dev.runway.deployments.entity.DeploymentRequest;
import dev.runway.platform.control.ProblemException;
import dev.runway.platform.control.StrictJsonb;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The deployments file ({@code runway.deployments.file}): the deployments a node serves, as
 * Prefect's {@code serve(d1, d2)}. JSON, or YAML when its name ends in {@code .yaml} or {@code
 * .yml}; either an array of deployments or an object {@code {"deployments": [...]}}. Each entry is
 * bound and checked as the API's request body is, on its own: one bad entry does not keep the
 * others from being applied.
 */
public final class DeploymentsFile {

  private static final String SHAPE =
      "must hold an array of deployments, or an object {\"deployments\": [...]}";

  /** One entry of the file: the request to apply, or why it cannot be. */
  public record Entry(int index, String label, DeploymentRequest request, String refusal) {

    public boolean applicable() {
      return refusal == null;
    }
  }

  /** The file is missing, cannot be read, or is not JSON or YAML of the file's shape. */
  public static class Unreadable extends Exception {

    Unreadable(String message) {
      super(message);
    }
  }

  private DeploymentsFile() {}

  public static List<Entry> read(Path file) throws Unreadable {
    String text;
    try {
      text = Files.readString(file);
    } catch (CharacterCodingException e) {
      throw new Unreadable(file + " is not UTF-8 text");
    } catch (IOException e) {
      throw new Unreadable(file + " cannot be read: " + e);
    }
    return parse(file.getFileName().toString(), text);
  }

  /** The entries of a file named {@code fileName} (its extension tells YAML from JSON). */
  public static List<Entry> parse(String fileName, String text) throws Unreadable {
    JsonArray deployments = deployments(fileName, document(fileName, text));
    List<Entry> entries = new ArrayList<>();
    Jsonb jsonb = StrictJsonb.create();
    try {
      for (int i = 0; i < deployments.size(); i++) {
        entries.add(entry(jsonb, i, deployments.get(i)));
      }
    } finally {
      close(jsonb);
    }
    return entries;
  }

  /** How a refused request reads in the log: its detail, or each field and why. */
  public static String describe(ProblemException refused) {
    if (refused.errors().isEmpty()) {
      return refused.getMessage();
    }
    return refused.errors().stream()
        .map(error -> error.field() + ": " + error.message())
        .collect(Collectors.joining("; "));
  }

  private static JsonValue document(String fileName, String text) throws Unreadable {
    if (isYaml(fileName)) {
      try {
        return YamlDocuments.read(text);
      } catch (YAMLException | IllegalArgumentException e) {
        throw new Unreadable(fileName + " is not valid YAML: " + e.getMessage());
      }
    }
    try (JsonReader reader = jakarta.json.Json.createReader(new StringReader(text))) {
      return reader.readValue();
    } catch (JsonException e) {
      throw new Unreadable(fileName + " is not valid JSON: " + e.getMessage());
    }
  }

  private static boolean isYaml(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml");
  }

  private static JsonArray deployments(String fileName, JsonValue document) throws Unreadable {
    if (document instanceof JsonArray array) {
      return array;
    }
    if (document instanceof JsonObject object
        && object.keySet().equals(Set.of("deployments"))
        && object.get("deployments") instanceof JsonArray array) {
      return array;
    }
    throw new Unreadable(fileName + " " + SHAPE);
  }

  private static Entry entry(Jsonb jsonb, int index, JsonValue value) {
    if (!(value instanceof JsonObject object)) {
      return new Entry(index, "?", null, "is not an object but " + value.getValueType());
    }
    String label = text(object, "flowName") + "/" + text(object, "name");
    DeploymentRequest request;
    try {
      request = jsonb.fromJson(object.toString(), DeploymentRequest.class);
    } catch (JsonbException e) {
      return new Entry(index, label, null, "is not a deployment: " + innermost(e));
    }
    try {
      DeploymentValidator.check(request);
    } catch (ProblemException e) {
      return new Entry(index, label, null, describe(e));
    }
    return new Entry(index, label, request, null);
  }

  private static String text(JsonObject object, String key) {
    return object.get(key) instanceof JsonString s ? s.getString() : "?";
  }

  /** The last message of the cause chain: the binder's most precise one. */
  private static String innermost(Throwable e) {
    String message = e.getMessage();
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
        message = cause.getMessage();
      }
    }
    return message;
  }

  private static void close(Jsonb jsonb) {
    try {
      jsonb.close();
    } catch (Exception e) {
      // Nothing was opened that outlives the binder; a failed close loses nothing.
    }
  }
}

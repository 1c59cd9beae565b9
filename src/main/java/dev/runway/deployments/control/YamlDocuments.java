package dev.runway.deployments.control;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads one YAML document into JSON-P, so that YAML is bound exactly as JSON is. Only plain data is
 * built (no tags naming Java classes), and an unquoted date stays the text it was: a schedule's
 * {@code anchorDate: 2027-01-01T09:00:00} is local to its time zone, which a YAML timestamp would
 * have turned into an instant in UTC.
 */
final class YamlDocuments {

  private YamlDocuments() {}

  /** The document as JSON; {@link IllegalArgumentException} naming the path of what JSON lacks. */
  static JsonValue read(String text) {
    LoaderOptions options = new LoaderOptions();
    DumperOptions unused = new DumperOptions();
    Yaml yaml =
        new Yaml(
            new SafeConstructor(options),
            new Representer(unused),
            unused,
            options,
            new TextDates());
    return json(yaml.load(text), "");
  }

  private static JsonValue json(Object value, String path) {
    if (value == null) {
      return JsonValue.NULL;
    } else if (value instanceof String text) {
      return Json.createValue(text);
    } else if (value instanceof Boolean flag) {
      return flag ? JsonValue.TRUE : JsonValue.FALSE;
    } else if (value instanceof Integer || value instanceof Long) {
      return Json.createValue(((Number) value).longValue());
    } else if (value instanceof BigInteger big) {
      return Json.createValue(big);
    } else if (value instanceof Double number && Double.isFinite(number)) {
      return Json.createValue(BigDecimal.valueOf(number));
    } else if (value instanceof Map<?, ?> map) {
      return object(map, path);
    } else if (value instanceof List<?> list) {
      return array(list, path);
    }
    throw new IllegalArgumentException(where(path) + "is not JSON data (" + describe(value) + ")");
  }

  private static JsonValue object(Map<?, ?> map, String path) {
    JsonObjectBuilder object = Json.createObjectBuilder();
    map.forEach(
        (key, value) -> {
          if (!(key instanceof String name)) {
            throw new IllegalArgumentException(
                where(path) + "has a key that YAML reads as " + key + ", not text: quote it");
          }
          object.add(name, json(value, path.isEmpty() ? name : path + "." + name));
        });
    return object.build();
  }

  private static JsonValue array(List<?> list, String path) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    for (int i = 0; i < list.size(); i++) {
      array.add(json(list.get(i), path + "[" + i + "]"));
    }
    return array.build();
  }

  private static String where(String path) {
    return path.isEmpty() ? "the document " : path + " ";
  }

  private static String describe(Object value) {
    return value instanceof Double ? "not a finite number" : value.getClass().getSimpleName();
  }

  /** YAML 1.1's implicit types but timestamps, which stay text. */
  private static final class TextDates extends Resolver {

    @Override
    public void addImplicitResolver(Tag tag, Pattern regexp, String first, int limit) {
      if (!Tag.TIMESTAMP.equals(tag)) {
        super.addImplicitResolver(tag, regexp, first, limit);
      }
    }
  }
}

package dev.runway.platform.control;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code {{ scope.NAME }}} placeholders of one scope ({@code parameters} in commands, {@code
 * upstream} in trigger parameters): which names a text uses, and the text with each replaced by its
 * value, strings raw and other JSON values as JSON.
 */
public final class Placeholders {

  private final Pattern pattern;

  private Placeholders(String scope) {
    this.pattern =
        Pattern.compile(
            "\\{\\{\\s*" + Pattern.quote(scope) + "\\.([A-Za-z_][A-Za-z0-9_\\-.]*)\\s*}}");
  }

  public static Placeholders of(String scope) {
    return new Placeholders(scope);
  }

  /** The names the text uses, in order of first use. */
  public Set<String> names(String text) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** The whole text is one placeholder: its name, else null. */
  public String soleName(String text) {
    Matcher m = pattern.matcher(text.strip());
    return m.matches() ? m.group(1) : null;
  }

  /**
   * The text with every placeholder replaced by {@code values}' answer for its name.
   *
   * @throws MissingValue for the first name that {@code values} has no answer (null) for
   */
  public String fill(String text, Function<String, JsonValue> values) {
    Matcher m = pattern.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      JsonValue value = values.apply(m.group(1));
      if (value == null) {
        throw new MissingValue(m.group(1));
      }
      m.appendReplacement(out, Matcher.quoteReplacement(text(value)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** A value as it goes into text: a string raw, anything else as its JSON. */
  public static String text(JsonValue value) {
    return value instanceof JsonString s ? s.getString() : value.toString();
  }

  /** A placeholder named a value that is not there. */
  public static final class MissingValue extends RuntimeException {

    private final String name;

    MissingValue(String name) {
      super("no value for '" + name + "'", null, false, false);
      this.name = name;
    }

    public String name() {
      return name;
    }
  }
}

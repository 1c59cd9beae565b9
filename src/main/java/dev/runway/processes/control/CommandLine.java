package dev.runway.processes.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {{ parameters.X }}} placeholders in a command. Each element stays one argv element
 * whatever the value holds: a value can add text to its own argument, never new ones.
 */
public final class CommandLine {

  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\{\\{\\s*parameters\\.([A-Za-z_][A-Za-z0-9_\\-]*)\\s*}}");

  private CommandLine() {}

  public static List<String> expand(List<String> command, JsonObject parameters)
      throws LaunchRefused {
    String[] argv = new String[command.size()];
    for (int i = 0; i < argv.length; i++) {
      argv[i] = expand(command.get(i), parameters);
    }
    return List.of(argv);
  }

  private static String expand(String element, JsonObject parameters) throws LaunchRefused {
    Matcher m = PLACEHOLDER.matcher(element);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      JsonValue value = parameters.get(m.group(1));
      if (value == null) {
        throw new LaunchRefused(
            "the command uses parameter '" + m.group(1) + "', which is not set");
      }
      String text = value instanceof JsonString s ? s.getString() : value.toString();
      m.appendReplacement(out, Matcher.quoteReplacement(text));
    }
    m.appendTail(out);
    return out.toString();
  }
}

package dev.runway.processes.control;

import dev.runway.platform.control.Placeholders;
import jakarta.json.JsonObject;
import java.util.List;

/**
 * Fills {@code {{ parameters.X }}} placeholders in a command. Each element stays one argv element
 * whatever the value holds: a value can add text to its own argument, never new ones.
 */
public final class CommandLine {

  private static final Placeholders PARAMETERS = Placeholders.of("parameters");

  private CommandLine() {}

  public static List<String> expand(List<String> command, JsonObject parameters)
      throws LaunchRefused {
    String[] argv = new String[command.size()];
    for (int i = 0; i < argv.length; i++) {
      try {
        argv[i] = PARAMETERS.fill(command.get(i), parameters::get);
      } catch (Placeholders.MissingValue e) {
        throw new LaunchRefused("the command uses parameter '" + e.name() + "', which is not set");
      }
    }
    return List.of(argv);
  }
}

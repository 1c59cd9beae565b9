package dev.runway.processes.control;

/** Plain explanations of the exit statuses an operator meets most often. */
final class ExitCodes {

  private ExitCodes() {}

  static String explain(int code) {
    return switch (code) {
      case 1 -> "The program reported a general error; its logs should say which.";
      case 2 -> "The program was misused: usually a wrong option or argument.";
      case 124 -> "A timeout wrapper in the command ended the program.";
      case 125 -> "A container or wrapper in the command could not run the program.";
      case 126 ->
          "A program in the command was found but could not be executed"
              + " (permissions, or not a binary or script).";
      case 127 -> "A program in the command was not found; check the PATH and the spelling.";
      case 247 -> "The program was likely stopped for using too much memory.";
      default -> "The program's own documentation explains this status.";
    };
  }
}

package dev.runway.processes.control;

/** Names the signals that end processes unasked, with their likely cause. */
final class Signals {

  private Signals() {}

  static String describe(int signal) {
    return switch (signal) {
      case 1 -> "SIGHUP (1): its terminal or parent went away";
      case 2 -> "SIGINT (2): an interrupt, as from Ctrl+C";
      case 6 -> "SIGABRT (6): the program aborted itself, often a failed assertion";
      case 9 -> "SIGKILL (9): most likely the kernel's out-of-memory killer, or an operator";
      case 11 -> "SIGSEGV (11): the program crashed on an invalid memory access";
      case 13 -> "SIGPIPE (13): it wrote to a pipe nobody reads";
      case 15 -> "SIGTERM (15): someone outside Runway asked it to stop";
      default -> "signal " + signal;
    };
  }
}

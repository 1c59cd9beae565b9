package dev.runway.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's figures: each with its value, its target and whether the target was met, printed
 * as a table with the machine's facts and written as Markdown for docs/benchmarks.md. Targets are
 * reported, never asserted.
 */
final class BenchFigures {

  /** One line of the table; {@code met} is null for a figure without a target. */
  record Figure(String scenario, String name, String value, String target, Boolean met) {

    String verdict() {
      return met == null ? "" : met ? "met" : "not met";
    }
  }

  private final List<Figure> figures = new ArrayList<>();
  private final List<String> machine = machineFacts();

  /** Adds a figure and prints it at once, so that a scenario's lines come when it ends. */
  void add(String scenario, String name, String value, String target, Boolean met) {
    Figure figure = new Figure(scenario, name, value, target, met);
    figures.add(figure);
    System.out.printf("  %-12s %-44s %s%n", scenario, name, describe(figure));
  }

  /** A figure without a target. */
  void note(String scenario, String name, String value) {
    add(scenario, name, value, "", null);
  }

  /** Prints a scenario's heading. */
  static void heading(String text) {
    System.out.printf("%n== %s ==%n", text);
  }

  /** The whole table as text, machine facts first. */
  String table() {
    StringBuilder text = new StringBuilder("\n== Runway benchmark ==\n");
    machine.forEach(fact -> text.append("  ").append(fact).append('\n'));
    for (Figure figure : figures) {
      text.append(
          String.format("  %-12s %-44s %s%n", figure.scenario(), figure.name(), describe(figure)));
    }
    return text.toString();
  }

  /** The same table in Markdown, with the command that produced it, into {@code file}. */
  void writeMarkdown(Path file, String command) {
    StringBuilder text = new StringBuilder();
    text.append("Measured ")
        .append(Instant.now())
        .append(" with `")
        .append(command)
        .append("`\n\n");
    machine.forEach(fact -> text.append("- ").append(fact).append('\n'));
    text.append("\n| scenario | figure | value | target | |\n|---|---|---|---|---|\n");
    for (Figure figure : figures) {
      text.append(
          String.format(
              "| %s | %s | %s | %s | %s |%n",
              figure.scenario(), figure.name(), figure.value(), figure.target(), figure.verdict()));
    }
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String describe(Figure figure) {
    if (figure.met() == null) {
      return figure.value();
    }
    return figure.value() + "   (target " + figure.target() + ": " + figure.verdict() + ")";
  }

  private static List<String> machineFacts() {
    return List.of(
        "cores: " + Runtime.getRuntime().availableProcessors(),
        "memory: " + memTotal(),
        "Java: "
            + System.getProperty("java.vm.vendor")
            + " "
            + System.getProperty("java.runtime.version"),
        "OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version"),
        "PostgreSQL: " + postgresqlVersion());
  }

  /** MemTotal of /proc/meminfo, in GiB. */
  private static String memTotal() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).stream()
          .filter(line -> line.startsWith("MemTotal:"))
          .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
          .map(kib -> String.format("%.1f GiB", kib / 1024.0 / 1024.0))
          .findFirst()
          .orElse("unknown");
    } catch (IOException | RuntimeException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static String postgresqlVersion() {
    try (Connection db =
            DriverManager.getConnection(
                System.getProperty("runway.test.db.url"),
                System.getProperty("runway.test.db.user"),
                System.getProperty("runway.test.db.password"));
        Statement sql = db.createStatement();
        ResultSet version = sql.executeQuery("show server_version")) {
      return version.next() ? version.getString(1) : "unknown";
    } catch (SQLException e) {
      return "not reachable (" + e.getMessage() + ")";
    }
  }
}

package dev.runway.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A large store made quickly: copies of one run that Runway made and ended, written straight into
 * PostgreSQL. Making 100,000 runs through the API would take longer than the scenario may; the list
 * endpoint only reads {@code flow_run}, so copies of a real row measure it as well.
 */
final class SeededRuns {

  /** Times shifted back one second per copy, so that the runs spread over the list's order. */
  private static final Set<String> TIMES =
      Set.of(
          "expected_start_time",
          "start_time",
          "end_time",
          "process_started_at",
          "state_timestamp",
          "created_at",
          "updated_at");

  private SeededRuns() {}

  /** Adds {@code copies} copies of run {@code runId} to {@code schema}'s runs, then analyses. */
  static void copy(String schema, String runId, int copies) {
    try (Connection db =
        DriverManager.getConnection(
            System.getProperty("runway.test.db.url"),
            System.getProperty("runway.test.db.user"),
            System.getProperty("runway.test.db.password"))) {
      List<String> columns = columns(db, schema);
      try (PreparedStatement insert = db.prepareStatement(insert(schema, columns))) {
        insert.setInt(1, copies);
        insert.setObject(2, UUID.fromString(runId));
        insert.executeUpdate();
      }
      try (Statement sql = db.createStatement()) {
        sql.execute("analyze " + schema + ".flow_run");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the runs could not be copied: " + e.getMessage(), e);
    }
  }

  /** {@code insert into S.flow_run (...) select ... from S.flow_run t, generate_series(1, ?) g}. */
  private static String insert(String schema, List<String> columns) {
    List<String> values = new ArrayList<>();
    for (String column : columns) {
      if (column.equals("id")) {
        values.add("md5(random()::text || g::text)::uuid");
      } else if (TIMES.contains(column)) {
        values.add("t." + column + " - g * interval '1 second'");
      } else {
        values.add("t." + column);
      }
    }
    return "insert into "
        + schema
        + ".flow_run ("
        + String.join(", ", columns)
        + ") select "
        + String.join(", ", values)
        + " from "
        + schema
        + ".flow_run t, generate_series(1, ?) g where t.id = ?";
  }

  private static List<String> columns(Connection db, String schema) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (PreparedStatement query =
        db.prepareStatement(
            "select column_name from information_schema.columns"
                + " where table_schema = ? and table_name = 'flow_run' order by ordinal_position")) {
      query.setString(1, schema);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          columns.add(rows.getString(1));
        }
      }
    }
    return columns;
  }
}

package dev.runway.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The PostgreSQL schemas the ITs store in, each dropped and made afresh before use. */
final class TestSchemas {

  private TestSchemas() {}

  /** Drops and creates {@code schema} in the ITs' database (runway.test.db.url). */
  static void recreate(String schema) {
    try (Connection db =
            DriverManager.getConnection(
                System.getProperty("runway.test.db.url"),
                System.getProperty("runway.test.db.user"),
                System.getProperty("runway.test.db.password"));
        Statement sql = db.createStatement()) {
      sql.execute("drop schema if exists " + schema + " cascade");
      sql.execute("create schema " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "The PostgreSQL ITs need a database: see the README's "
              + "'Tests' section (runway.test.db.url). "
              + e.getMessage(),
          e);
    }
  }
}

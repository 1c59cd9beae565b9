package dev.runway.it;

import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR the build just packaged, deployed as it is: the ITs test what users deploy, through its
 * REST API only (the tests run as clients). When the ITs run against PostgreSQL, their schema is
 * emptied once, before the first deployment migrates it.
 */
final class RunwayWar {

  private static boolean storePrepared;

  private RunwayWar() {}

  static synchronized WebArchive packaged() {
    if (!storePrepared && "wildfly-postgresql".equals(System.getProperty("arquillian.launch"))) {
      recreatePostgresSchema();
    }
    storePrepared = true;
    return ShrinkWrap.createFromZipFile(
        WebArchive.class, new File(System.getProperty("runway.war")));
  }

  private static void recreatePostgresSchema() {
    String schema = System.getProperty("runway.test.db.schema");
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

package dev.runway.platform.boundary;

import dev.runway.platform.control.StoreClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import javax.sql.DataSource;

/**
 * Keeps the {@link StoreClock} on the database's time: measures the difference with one query, as
 * often as the runner beats. A failed measurement keeps the last difference.
 */
@ApplicationScoped
public class StoreTime {

  private static final Logger LOG = System.getLogger(StoreTime.class.getName());
  private static final Duration NOTABLE = Duration.ofMillis(100);

  @Inject StoreClock clock;

  @Inject DataSource store;

  public void measure() {
    try (Connection connection = store.getConnection();
        Statement statement = connection.createStatement()) {
      Instant sent = clock.local();
      Instant database;
      try (ResultSet result = statement.executeQuery("select current_timestamp")) {
        result.next();
        database = result.getObject(1, OffsetDateTime.class).toInstant();
      }
      Instant received = clock.local();
      Duration skew = StoreClock.skewOf(sent, database, received);
      Duration change = skew.minus(clock.skew()).abs();
      clock.setSkew(skew);
      if (change.compareTo(NOTABLE) > 0) {
        LOG.log(
            Level.INFO,
            "The database clock is {0} ms ahead of this node''s; Runway uses the database''s",
            skew.toMillis());
      }
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "The database clock could not be read: {0}", e.toString());
    }
  }
}

package dev.runway.platform.boundary;

import dev.runway.platform.control.StoreClock;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What Runway takes from the server: its datasource and thread pools, found by JNDI names that are
 * configuration, so that the same WAR binds to WildFly's and Payara's resources. A missing pool
 * falls back to the platform's default one, with a warning, rather than failing the deploy.
 */
@ApplicationScoped
public class ServerResources {

  private static final Logger LOG = System.getLogger(ServerResources.class.getName());

  @Inject
  @ConfigProperty(name = "runway.jndi.datasource", defaultValue = "java:jboss/datasources/RunwayDS")
  String dataSourceName;

  @Inject
  @ConfigProperty(
      name = "runway.jndi.process-executor",
      defaultValue = "java:jboss/ee/concurrency/executor/runway-processes")
  String processExecutorName;

  @Inject
  @ConfigProperty(
      name = "runway.jndi.timer-executor",
      defaultValue = "java:jboss/ee/concurrency/scheduler/runway-timers")
  String timerExecutorName;

  @Produces
  @ApplicationScoped
  DataSource dataSource() {
    return lookup(dataSourceName, DataSource.class);
  }

  /** Launches and supervises processes (not a producer: the platform has a default one). */
  public ManagedExecutorService processExecutor() {
    return lookupOr(
        processExecutorName,
        "java:comp/DefaultManagedExecutorService",
        ManagedExecutorService.class);
  }

  /** Drives polling, start timers and output flushing. */
  public ManagedScheduledExecutorService timerExecutor() {
    return lookupOr(
        timerExecutorName,
        "java:comp/DefaultManagedScheduledExecutorService",
        ManagedScheduledExecutorService.class);
  }

  /** The one clock of Runway's code: the database's, as {@link StoreTime} measures it. */
  @Produces
  @ApplicationScoped
  StoreClock clock() {
    return new StoreClock(Clock.systemUTC());
  }

  private static <T> T lookupOr(String name, String fallback, Class<T> type) {
    try {
      return type.cast(new InitialContext().lookup(name));
    } catch (NamingException e) {
      LOG.log(Level.WARNING, "{0} is not bound; using the server default {1}", name, fallback);
      return lookup(fallback, type);
    }
  }

  private static <T> T lookup(String name, Class<T> type) {
    try {
      return type.cast(new InitialContext().lookup(name));
    } catch (NamingException e) {
      throw new IllegalStateException(name + " is not bound in JNDI: configure the server", e);
    }
  }
}

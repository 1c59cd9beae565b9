package dev.runway.platform.boundary;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What Runway takes from the server: its datasource and thread pools, found by JNDI names that
 * are configuration, so that the same WAR binds to WildFly's and Payara's resources. A missing
 * pool falls back to the platform's default one, with a warning, rather than failing the deploy.
 */
@ApplicationScoped
public class ServerResources {

  private static final Logger LOG = System.getLogger(ServerResources.class.getName());

  @ConfigProperty(name = "runway.jndi.datasource", defaultValue = "java:jboss/datasources/RunwayDS")
  String dataSourceName;

  @ConfigProperty(
      name = "runway.jndi.process-executor",
      defaultValue = "java:jboss/ee/concurrency/executor/runway-processes")
  String processExecutorName;

  @ConfigProperty(
      name = "runway.jndi.timer-executor",
      defaultValue = "java:jboss/ee/concurrency/scheduler/runway-timers")
  String timerExecutorName;

  @Produces
  @ApplicationScoped
  DataSource dataSource() {
    return lookup(dataSourceName, DataSource.class);
  }

  @Produces
  @ApplicationScoped
  ManagedExecutorService processExecutor() {
    return lookupOr(processExecutorName, "java:comp/DefaultManagedExecutorService",
        ManagedExecutorService.class);
  }

  @Produces
  @ApplicationScoped
  ManagedScheduledExecutorService timerExecutor() {
    return lookupOr(timerExecutorName, "java:comp/DefaultManagedScheduledExecutorService",
        ManagedScheduledExecutorService.class);
  }

  @Produces
  @ApplicationScoped
  Clock clock() {
    return Clock.systemUTC();
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

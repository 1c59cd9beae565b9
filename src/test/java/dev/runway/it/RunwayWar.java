package dev.runway.it;

import java.io.File;
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
      TestSchemas.recreate(System.getProperty("runway.test.db.schema"));
    }
    storePrepared = true;
    return ShrinkWrap.createFromZipFile(
        WebArchive.class, new File(System.getProperty("runway.war")));
  }
}

package dev.runway.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR the build just packaged, deployed as it is: the ITs test what users deploy, through
 * its REST API only (the tests run as clients).
 */
final class RunwayWar {

  private RunwayWar() {}

  static WebArchive packaged() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("runway.war")));
  }
}

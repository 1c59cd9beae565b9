package dev.runway.it;

import java.net.URL;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Black-box ITs: the packaged WAR, unchanged, driven through its REST API from outside the server
 * as an ops console would, one deployment per test class.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class RunwayClientIT {

  @Deployment(testable = false)
  static WebArchive runway() {
    return RunwayWar.packaged();
  }

  @ArquillianResource URL url;

  Api api;

  @BeforeEach
  void connect() throws Exception {
    api = new Api(url.toURI());
  }

  /** A name no other test uses: the ITs share one store and never clean it. */
  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}

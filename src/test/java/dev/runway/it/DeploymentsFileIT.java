package dev.runway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The deployments file ({@code runway.deployments.file}) as an operator sets it: a system property
 * of the server, then a deploy of Runway. The server and this test share the machine, so the file
 * the test writes is the one the server reads.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DeploymentsFileIT {

  @Deployment(name = "runway", managed = false, testable = false)
  static WebArchive runway() {
    return RunwayWar.packaged();
  }

  private static final String FILE = "runway.deployments.file";

  @ArquillianResource Deployer deployer;

  @ArquillianResource ManagementClient management;

  private final Api api =
      new Api(URI.create("http://localhost:" + System.getProperty("it.http.port") + "/runway/"));

  @Test
  void theGoodEntriesAreAppliedAtStartupAndABadOneIsPassedOver() throws Exception {
    String flow = "file-" + UUID.randomUUID();
    Path file = Files.createTempFile("deployments-", ".json");
    Files.writeString(
        file,
        "{\"deployments\": ["
            + entry(flow, "first", "[\"/bin/echo\",\"one\"]")
            + ","
            + entry(flow, "bad", "[]")
            + ","
            + "{\"flowName\":\""
            + flow
            + "\",\"name\":\"second\",\"command\":[\"/bin/true\"],\"retries\":2}"
            + "]}");
    systemProperty("add", file.toString());
    try {
      deployer.deploy("runway");

      JsonObject first = api.get("deployments/name/" + flow + "/first").object();
      assertEquals("/bin/echo", first.getJsonArray("command").getString(0));
      assertEquals(2, api.get("deployments/name/" + flow + "/second").object().getInt("retries"));
      assertEquals(404, api.get("deployments/name/" + flow + "/bad").status());
      assertServing();

      String run = api.run(first.getString("id"), "{}");
      assertEquals("COMPLETED", Api.stateType(api.awaitEnd(run)), "the runner started too");
    } finally {
      systemProperty("remove", null);
      deployer.undeploy("runway");
      Files.deleteIfExists(file);
    }
  }

  @Test
  void applyingTheFileAgainReplacesByNameAndKeepsAnOperatorsPause() throws Exception {
    String flow = "file-" + UUID.randomUUID();
    Path file = Files.createTempFile("deployments-", ".yaml");
    Files.writeString(
        file, "- flowName: " + flow + "\n  name: served\n  command: [/bin/echo, v1]\n");
    systemProperty("add", file.toString());
    try {
      deployer.deploy("runway");
      String id = api.get("deployments/name/" + flow + "/served").object().getString("id");
      assertEquals(200, api.post("deployments/" + id + "/pause", "").status());
      Files.writeString(
          file, "- flowName: " + flow + "\n  name: served\n  command: [/bin/echo, v2]\n");

      deployer.undeploy("runway");
      deployer.deploy("runway");

      JsonObject served = api.get("deployments/name/" + flow + "/served").object();
      assertEquals(id, served.getString("id"), "replaced, not created again");
      assertEquals("v2", served.getJsonArray("command").getString(1));
      assertTrue(served.getBoolean("paused"), "the file does not say paused: the pause stays");
    } finally {
      systemProperty("remove", null);
      deployer.undeploy("runway");
      Files.deleteIfExists(file);
    }
  }

  @Test
  void aMissingFileStopsNothing() throws Exception {
    systemProperty("add", "/nonexistent/runway-deployments-" + UUID.randomUUID() + ".json");
    try {
      deployer.deploy("runway");

      assertServing();
    } finally {
      systemProperty("remove", null);
      deployer.undeploy("runway");
    }
  }

  private void assertServing() {
    Api.awaitTrue(
        "the runner polls", Duration.ofSeconds(30), () -> api.get("health").status() == 200);
    assertTrue(api.get("runner").object().getBoolean("started"));
  }

  private static String entry(String flow, String name, String command) {
    return "{\"flowName\":\"" + flow + "\",\"name\":\"" + name + "\",\"command\":" + command + "}";
  }

  /** Adds or removes the file's system property, as an operator's CLI would. */
  private void systemProperty(String operation, String value) throws Exception {
    ModelNode op = new ModelNode();
    op.get("operation").set(operation);
    op.get("address").add("system-property", FILE);
    if (value != null) {
      op.get("value").set(value);
    }
    ModelNode result = management.getControllerClient().execute(op);
    assertEquals("success", result.get("outcome").asString(), result.toString());
  }
}

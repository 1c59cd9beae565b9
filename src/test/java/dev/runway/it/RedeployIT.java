package dev.runway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
 * Undeploying Runway while a run's process is alive, then deploying it again: what an operator does
 * on every upgrade. Nothing stored is lost, and the run is neither left RUNNING nor its process
 * left behind; it runs again.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RedeployIT {

  @Deployment(name = "runway", managed = false, testable = false)
  static WebArchive runway() {
    return RunwayWar.packaged();
  }

  private static final String PAUSE_ON_SHUTDOWN = "runway.runner.pause-on-shutdown";

  @ArquillianResource Deployer deployer;

  @ArquillianResource ManagementClient management;

  @Test
  void aRunningRunIsHandedBackAtUndeployAndRunsAgainAfterTheNextDeploy() {
    Api api =
        new Api(URI.create("http://localhost:" + System.getProperty("it.http.port") + "/runway/"));
    deployer.deploy("runway");
    // Long enough to be surely alive at the undeploy, short enough for its second attempt.
    String deployment =
        api.deploy("redeploy", "sleepy-" + UUID.randomUUID(), "[\"/bin/sleep\",\"6\"]");
    String id = api.run(deployment, "{}");
    long pid =
        api.await(id, run -> !Api.isNull(run, "pid"), Duration.ofSeconds(30))
            .getJsonNumber("pid")
            .longValue();

    deployer.undeploy("runway");
    awaitGone(pid);
    deployer.deploy("runway");

    JsonObject rerun = api.awaitEnd(id);
    assertEquals("COMPLETED", Api.stateType(rerun));
    assertEquals(2, rerun.getInt("runCount"), "a second attempt ran after the redeploy");
    List<String> names =
        api.get("flow-runs/" + id + "/states").array().getValuesAs(JsonObject.class).stream()
            .map(s -> s.getString("name"))
            .toList();
    assertEquals(
        List.of(
            "Scheduled", "Pending", "Running", "AwaitingRetry", "Pending", "Running", "Completed"),
        names);
    assertEquals(200, api.get("deployments/" + deployment).status(), "the deployment is kept");
    deployer.undeploy("runway");
  }

  @Test
  void aRunWaitingForItsStartIsHandedBackAtUndeployAndKeepsItsStart() {
    Api api =
        new Api(URI.create("http://localhost:" + System.getProperty("it.http.port") + "/runway/"));
    deployer.deploy("runway");
    String deployment = api.deploy("redeploy", "later-" + UUID.randomUUID(), "[\"/bin/true\"]");
    // Within the 10 s prefetch: the node claims it at once and waits for its start.
    Instant at = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.MILLIS);
    String id = api.run(deployment, "{\"scheduledStart\":\"" + at + "\"}");
    api.await(id, run -> "PENDING".equals(Api.stateType(run)), Duration.ofSeconds(10));

    deployer.undeploy("runway");
    deployer.deploy("runway");

    JsonObject run = api.awaitEnd(id);
    assertEquals("COMPLETED", Api.stateType(run));
    assertEquals(at, Instant.parse(run.getString("expectedStartTime")), "its start was kept");
    assertTrue(!Instant.parse(run.getString("startTime")).isBefore(at), "it did not start early");
    List<String> names =
        api.get("flow-runs/" + id + "/states").array().getValuesAs(JsonObject.class).stream()
            .map(s -> s.getString("name"))
            .toList();
    assertEquals(
        List.of("Scheduled", "Pending", "AwaitingRetry", "Pending", "Running", "Completed"), names);
    deployer.undeploy("runway");
  }

  @Test
  void theLastNodeToShutDownPausesTheDeploymentsWhenAskedTo() throws Exception {
    Api api =
        new Api(URI.create("http://localhost:" + System.getProperty("it.http.port") + "/runway/"));
    systemProperty("add", PAUSE_ON_SHUTDOWN, "true");
    try {
      deployer.deploy("runway");
      String deployment =
          api.deploy(
              "{\"flowName\":\"redeploy\",\"name\":\"served-"
                  + UUID.randomUUID()
                  + "\",\"command\":[\"/bin/true\"],\"schedules\":[{\"interval\":3600}]}");
      assertEquals(false, api.get("deployments/" + deployment).object().getBoolean("paused"));

      deployer.undeploy("runway");
      deployer.deploy("runway");

      assertEquals(true, api.get("deployments/" + deployment).object().getBoolean("paused"));
      assertEquals(
          0,
          api.get("flow-runs?deploymentId=" + deployment + "&stateType=SCHEDULED").array().size(),
          "a paused deployment keeps no scheduled runs");
      api.delete("deployments/" + deployment);
    } finally {
      systemProperty("remove", PAUSE_ON_SHUTDOWN, null);
      deployer.undeploy("runway");
    }
  }

  /** Adds or removes a system property of the server, as an operator's CLI would. */
  private void systemProperty(String operation, String name, String value) throws Exception {
    ModelNode op = new ModelNode();
    op.get("operation").set(operation);
    op.get("address").add("system-property", name);
    if (value != null) {
      op.get("value").set(value);
    }
    ModelNode result = management.getControllerClient().execute(op);
    assertEquals("success", result.get("outcome").asString(), result.toString());
  }

  private static void awaitGone(long pid) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
    while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      if (Instant.now().isAfter(deadline)) {
        fail("process " + pid + " outlived the undeployment of its runner");
      }
      Thread.onSpinWait();
    }
    assertTrue(ProcessHandle.of(pid).isEmpty() || !ProcessHandle.of(pid).get().isAlive());
  }
}

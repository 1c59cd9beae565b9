package dev.runway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint against every kind of caller, generated from one table of spec §7: no credentials
 * get 401 with a challenge, a role too low gets 403, a role high enough gets past authorization
 * (whatever the endpoint then answers). Roles include the ones below them.
 */
class SecurityIT extends RunwayClientIT {

  /** An endpoint, the lowest role that may call it, and what that role gets. */
  record Endpoint(String method, String path, String body, Caller needs, int success) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  enum Caller {
    NOBODY,
    VIEWER,
    OPERATOR,
    ADMIN
  }

  static final String NEW_DEPLOYMENT =
      "{\"flowName\":\"matrix\",\"name\":\"NAME\",\"command\":[\"/bin/true\"]}";

  static final List<Endpoint> TABLE =
      List.of(
          new Endpoint("GET", "health", null, Caller.NOBODY, 200),
          new Endpoint("GET", "runner", null, Caller.VIEWER, 200),
          new Endpoint("GET", "deployments", null, Caller.VIEWER, 200),
          new Endpoint("POST", "deployments", NEW_DEPLOYMENT, Caller.ADMIN, 201),
          new Endpoint("GET", "deployments/DEPLOYMENT", null, Caller.VIEWER, 200),
          new Endpoint("GET", "deployments/name/matrix/DEPLOYMENT_NAME", null, Caller.VIEWER, 200),
          new Endpoint("PUT", "deployments/DEPLOYMENT", NEW_DEPLOYMENT, Caller.ADMIN, 200),
          new Endpoint("POST", "deployments/DEPLOYMENT/pause", null, Caller.OPERATOR, 200),
          new Endpoint("POST", "deployments/DEPLOYMENT/resume", null, Caller.OPERATOR, 200),
          new Endpoint("GET", "deployments/DEPLOYMENT/schedule-preview", null, Caller.VIEWER, 200),
          new Endpoint("DELETE", "deployments/DEPLOYMENT", null, Caller.ADMIN, 204),
          new Endpoint("POST", "deployments/DEPLOYMENT/runs", "{}", Caller.OPERATOR, 201),
          new Endpoint("GET", "flow-runs", null, Caller.VIEWER, 200),
          new Endpoint("GET", "flow-runs/RUN", null, Caller.VIEWER, 200),
          new Endpoint("DELETE", "flow-runs/ENDED_RUN", null, Caller.ADMIN, 204),
          new Endpoint("POST", "flow-runs/RUN/cancel", null, Caller.OPERATOR, 202),
          new Endpoint("POST", "runner/start", null, Caller.ADMIN, 200),
          new Endpoint("POST", "runner/cancel-all", null, Caller.ADMIN, 202),
          new Endpoint("POST", "runner/flow-runs/RUN/execute", null, Caller.ADMIN, 202),
          new Endpoint(
              "POST", "runner/bundles", "{\"command\":[\"/bin/true\"]}", Caller.ADMIN, 201),
          new Endpoint("GET", "flow-runs/RUN/states", null, Caller.VIEWER, 200),
          new Endpoint("GET", "flow-runs/RUN/logs", null, Caller.VIEWER, 200),
          new Endpoint(
              "POST", "flow-runs/RUN/state", "{\"type\":\"CANCELLED\"}", Caller.OPERATOR, 201));

  static Stream<Arguments> everyEndpointAndCaller() {
    return TABLE.stream()
        .flatMap(e -> Stream.of(Caller.values()).map(caller -> Arguments.of(e, caller)));
  }

  @ParameterizedTest(name = "{1} {0}")
  @MethodSource("everyEndpointAndCaller")
  void callersGetExactlyWhatTheirRoleAllows(Endpoint endpoint, Caller caller) {
    String name = unique("matrix");
    String deployment = api.deploy("matrix", name, "[\"/bin/true\"]");
    // A run due in a day stays SCHEDULED: it can be read, and cancelled once.
    String run =
        api.run(deployment, "{\"scheduledStart\":\"" + OffsetDateTime.now().plusDays(1) + "\"}");
    String path =
        endpoint
            .path()
            .replace("DEPLOYMENT_NAME", name)
            .replace("DEPLOYMENT", deployment)
            .replace("ENDED_RUN", endpoint.path().contains("ENDED_RUN") ? endedRun(deployment) : "")
            .replace("RUN", run);
    String body = endpoint.body() == null ? null : endpoint.body().replace("NAME", unique("new"));

    Api.Reply reply = as(caller).send(endpoint.method(), path, body);

    if (endpoint.needs() == Caller.NOBODY) {
      assertEquals(endpoint.success(), reply.status(), reply.body());
    } else if (caller == Caller.NOBODY) {
      assertEquals(401, reply.status(), reply.body());
      assertNotNull(reply.challenge(), "401 carries WWW-Authenticate");
    } else if (caller.ordinal() < endpoint.needs().ordinal()) {
      assertEquals(403, reply.status(), reply.body());
      assertEquals("application/problem+json", reply.contentType());
    } else {
      assertEquals(endpoint.success(), reply.status(), reply.body());
    }
  }

  private String endedRun(String deployment) {
    return api.awaitEnd(api.run(deployment, "{}")).getString("id");
  }

  @Test
  void aWrongPasswordIsUnauthenticated() {
    Api.Reply reply = api.as(Api.basic("admin", "not-the-password")).get("runner");

    assertEquals(401, reply.status());
    assertNotNull(reply.challenge());
  }

  @Test
  void anUnknownTokenIsUnauthenticated() {
    Api.Reply reply = api.as(Api.bearer("made-up")).get("flow-runs");

    assertEquals(401, reply.status());
  }

  private Api as(Caller caller) {
    return switch (caller) {
      case NOBODY -> api.as(null);
      case VIEWER -> api.as(Api.basic("viewer", System.getProperty("it.viewer.password")));
      case OPERATOR -> api.as(Api.basic("operator", System.getProperty("it.operator.password")));
      case ADMIN -> api;
    };
  }
}

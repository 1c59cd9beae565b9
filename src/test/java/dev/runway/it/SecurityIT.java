package dev.runway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
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

  /** An endpoint and the lowest role that may call it; null for public. */
  record Endpoint(String method, String path, String body, Caller needs) {
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
          new Endpoint("GET", "health", null, Caller.NOBODY),
          new Endpoint("GET", "runner", null, Caller.VIEWER),
          new Endpoint("GET", "deployments", null, Caller.VIEWER),
          new Endpoint("POST", "deployments", NEW_DEPLOYMENT, Caller.ADMIN),
          new Endpoint("GET", "deployments/DEPLOYMENT", null, Caller.VIEWER),
          new Endpoint("GET", "deployments/name/matrix/DEPLOYMENT_NAME", null, Caller.VIEWER),
          new Endpoint("PUT", "deployments/DEPLOYMENT", NEW_DEPLOYMENT, Caller.ADMIN),
          new Endpoint("DELETE", "deployments/MISSING", null, Caller.ADMIN),
          new Endpoint("POST", "deployments/DEPLOYMENT/runs", "{}", Caller.OPERATOR),
          new Endpoint("GET", "flow-runs", null, Caller.VIEWER),
          new Endpoint("GET", "flow-runs/RUN", null, Caller.VIEWER),
          new Endpoint("DELETE", "flow-runs/MISSING", null, Caller.ADMIN),
          new Endpoint("GET", "flow-runs/RUN/states", null, Caller.VIEWER),
          new Endpoint("GET", "flow-runs/RUN/logs", null, Caller.VIEWER),
          new Endpoint("POST", "flow-runs/RUN/state", "{\"type\":\"CANCELLED\"}", Caller.OPERATOR));

  static Stream<Arguments> everyEndpointAndCaller() {
    return TABLE.stream()
        .flatMap(e -> Stream.of(Caller.values()).map(caller -> Arguments.of(e, caller)));
  }

  @ParameterizedTest(name = "{1} {0}")
  @MethodSource("everyEndpointAndCaller")
  void callersGetExactlyWhatTheirRoleAllows(Endpoint endpoint, Caller caller) {
    String name = unique("matrix");
    String deployment = api.deploy("matrix", name, "[\"/bin/true\"]");
    String run = api.run(deployment, "{}");
    Map<String, String> ids =
        Map.of(
            "DEPLOYMENT_NAME", name,
            "DEPLOYMENT", deployment,
            "RUN", run,
            "MISSING", UUID.randomUUID().toString());
    String path = endpoint.path();
    for (Map.Entry<String, String> id : ids.entrySet()) {
      path = path.replace(id.getKey(), id.getValue());
    }
    String body = endpoint.body() == null ? null : endpoint.body().replace("NAME", unique("new"));

    Api.Reply reply = as(caller).send(endpoint.method(), path, body);

    if (endpoint.needs() == Caller.NOBODY) {
      assertEquals(200, reply.status(), reply.body());
    } else if (caller == Caller.NOBODY) {
      assertEquals(401, reply.status(), reply.body());
      assertNotNull(reply.challenge(), "401 carries WWW-Authenticate");
    } else if (caller.ordinal() < endpoint.needs().ordinal()) {
      assertEquals(403, reply.status(), reply.body());
      assertEquals("application/problem+json", reply.contentType());
    } else {
      assertTrue(reply.status() != 401 && reply.status() != 403, reply.status() + reply.body());
      assertTrue(reply.status() < 500, reply.status() + reply.body());
    }
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

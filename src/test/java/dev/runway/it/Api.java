package dev.runway.it;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/** A small HTTP client for Runway's REST API, as an ops console would use it. */
final class Api {

  /** A response: status, headers of interest and the body parsed as JSON when it is JSON. */
  record Reply(int status, String contentType, String body, long totalCount, String challenge) {

    JsonObject object() {
      return (JsonObject) json();
    }

    JsonArray array() {
      return (JsonArray) json();
    }

    JsonStructure json() {
      return Json.createReader(new StringReader(body)).read();
    }
  }

  static final Set<String> TERMINAL = Set.of("COMPLETED", "FAILED", "CANCELLED", "CRASHED");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final String authorization;

  /** A client acting as the ITs' admin user. */
  Api(URI deploymentUrl) {
    this(deploymentUrl, basic("admin", System.getProperty("it.admin.password")));
  }

  private Api(URI deploymentUrl, String authorization) {
    this.base = deploymentUrl.resolve("api/");
    this.authorization = authorization;
  }

  /** The same server, as another caller: {@code as(null)} sends no credentials at all. */
  Api as(String authorization) {
    return new Api(base.resolve(".."), authorization);
  }

  static String basic(String user, String password) {
    String pair = user + ":" + password;
    return "Basic "
        + java.util.Base64.getEncoder()
            .encodeToString(pair.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static String bearer(String token) {
    return "Bearer " + token;
  }

  Reply get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  Reply send(String method, String path, String json) {
    HttpRequest.BodyPublisher body =
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json);
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .method(method, body));
  }

  Reply post(String path, String json) {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** A POST without a declared length, sent in chunks. */
  Reply postChunked(String path, String json) {
    byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> new java.io.ByteArrayInputStream(bytes))));
  }

  Reply put(String path, String json) {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  Reply delete(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
  }

  /** Creates a deployment of {@code command} (a JSON array) and returns its id. */
  String deploy(String flow, String name, String command) {
    return deploy(
        "{\"flowName\":\"" + flow + "\",\"name\":\"" + name + "\",\"command\":" + command + "}");
  }

  String deploy(String deploymentJson) {
    Reply reply = post("deployments", deploymentJson);
    if (reply.status() != 201) {
      fail("deployment refused: " + reply);
    }
    return reply.object().getString("id");
  }

  String run(String deploymentId, String runJson) {
    Reply reply = post("deployments/" + deploymentId + "/runs", runJson);
    if (reply.status() != 201) {
      fail("run refused: " + reply);
    }
    return reply.object().getString("id");
  }

  /** Waits for the run to reach a terminal state and returns it. */
  JsonObject awaitEnd(String runId) {
    return await(runId, run -> TERMINAL.contains(stateType(run)), Duration.ofSeconds(60));
  }

  JsonObject await(String runId, Predicate<JsonObject> condition, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    JsonObject run = get("flow-runs/" + runId).object();
    while (!condition.test(run)) {
      if (Instant.now().isAfter(deadline)) {
        fail("run " + runId + " did not reach the expected condition in " + timeout + ": " + run);
      }
      pause();
      run = get("flow-runs/" + runId).object();
    }
    return run;
  }

  /** Waits until {@code condition} holds, checking every 100 ms; fails after {@code timeout}. */
  static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        fail("not within " + timeout + ": " + what);
      }
      pause();
    }
  }

  static String stateType(JsonObject run) {
    return run.getJsonObject("state").getString("type");
  }

  static String json(String text) {
    return Json.createValue(text).toString();
  }

  static boolean isNull(JsonObject object, String key) {
    return !object.containsKey(key) || object.get(key).getValueType() == JsonValue.ValueType.NULL;
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Reply send(HttpRequest.Builder request) {
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> response =
          http.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Reply(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body(),
          response.headers().firstValueAsLong("X-Total-Count").orElse(-1),
          response.headers().firstValue("WWW-Authenticate").orElse(null));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

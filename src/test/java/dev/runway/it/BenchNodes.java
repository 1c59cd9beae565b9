package dev.runway.it;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The benchmark's Runway nodes: started with {@code standalone.sh} on offset ports (700 and 800,
 * clear of the ITs'), each on a fresh base directory, on the embedded store or on a PostgreSQL
 * schema of the benchmark's own ({@code <runway.test.db.schema>_bench}).
 */
final class BenchNodes {

  static final int FIRST_OFFSET = 700;
  static final int SECOND_OFFSET = 800;

  /** The two stores a scenario may run on. */
  enum Store {
    H2("embedded H2", "standalone-runway.xml"),
    POSTGRESQL("PostgreSQL", "standalone-runway-postgresql.xml");

    final String label;
    final String config;

    Store(String label, String config) {
      this.label = label;
      this.config = config;
    }
  }

  private BenchNodes() {}

  /** The benchmark's PostgreSQL schema. */
  static String schema() {
    return System.getProperty("runway.test.db.schema") + "_bench";
  }

  /** Drops and makes the benchmark's schema afresh: each scenario starts from an empty store. */
  static void freshSchema() {
    TestSchemas.recreate(schema());
  }

  /**
   * A node named {@code name}, not started, with {@code limit} processes at once and the executor
   * threads that limit needs; {@code extra} adds or overrides Runway settings.
   */
  static ServerNode node(
      Store store, String name, int offset, int limit, Map<String, String> extra) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("runway.runner.name", name);
    properties.put("runway.runner.limit", Integer.toString(limit));
    properties.put("runway.api-url", "http://localhost:" + (8080 + offset) + "/runway/api");
    if (store == Store.POSTGRESQL) {
      properties.put(
          "runway.db.url", System.getProperty("runway.test.db.url") + "?currentSchema=" + schema());
      properties.put("runway.db.user", System.getProperty("runway.test.db.user"));
      properties.put("runway.db.password", System.getProperty("runway.test.db.password"));
    }
    properties.putAll(extra);
    Path target = Path.of(System.getProperty("runway.war")).getParent();
    ServerNode node =
        ServerNode.fresh(target.resolve("bench-" + name), store.config, offset, properties);
    String serverOptions = System.getProperty("benchmark.server-options", "").strip();
    if (!serverOptions.isEmpty()) {
      // For profiling a scenario: a flight recording, say, of the node's JVM.
      node.withEnvironment("JAVA_OPTS", ServerNode.JAVA_OPTS + " " + serverOptions);
    }
    return node;
  }

  /** Starts the node and waits until it polls. */
  static Api started(ServerNode node) {
    node.start();
    node.awaitHealthy();
    return new Api(node.url());
  }
}

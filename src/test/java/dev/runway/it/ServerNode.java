package dev.runway.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A WildFly server of its own, started with {@code bin/standalone.sh} of the provisioned server on
 * a base directory of its own: Runway deployed by the deployment scanner, the ITs' users, ports
 * offset so that it never meets the Arquillian server. It can be killed as a power cut would
 * (SIGKILL, no shutdown hook), started again on the same base directory, and stopped with its whole
 * process tree.
 */
final class ServerNode implements AutoCloseable {

  private static final Duration STARTUP = Duration.ofSeconds(180);
  private static final Duration EXIT = Duration.ofSeconds(30);

  /** The server JVM's options, unless {@link #withEnvironment} sets others. */
  static final String JAVA_OPTS = "-Xmx512m -Djava.net.preferIPv4Stack=true";

  private final Path wildflyHome;
  private final Path baseDir;
  private final String config;
  private final int portOffset;
  private final List<String> serverOptions;
  private final Map<String, String> environment = new LinkedHashMap<>();
  private Process script;

  /**
   * A node on {@code baseDir}, made afresh: a copy of the provisioned {@code standalone} directory
   * (its data, logs and deployment markers left out) with the ITs' configuration and Runway's WAR.
   */
  static ServerNode fresh(
      Path baseDir, String config, int portOffset, Map<String, String> systemProperties) {
    Path wildflyHome = Path.of(System.getProperty("wildfly.home"));
    deleteTree(baseDir);
    copyTree(wildflyHome.resolve("standalone"), baseDir);
    copyTree(Path.of(System.getProperty("it.config.dir")), baseDir.resolve("configuration"));
    Path war = Path.of(System.getProperty("runway.war"));
    copy(war, baseDir.resolve("deployments").resolve(war.getFileName()));
    List<String> options = new ArrayList<>();
    systemProperties.forEach((key, value) -> options.add("-D" + key + "=" + value));
    return new ServerNode(wildflyHome, baseDir, config, portOffset, options);
  }

  private ServerNode(
      Path wildflyHome, Path baseDir, String config, int portOffset, List<String> options) {
    this.wildflyHome = wildflyHome;
    this.baseDir = baseDir;
    this.config = config;
    this.portOffset = portOffset;
    this.serverOptions = options;
  }

  /**
   * Sets a variable in the environment of the next {@link #start()}, for the server settings that
   * only the environment reaches (such as {@code RUNWAY_PROCESS_THREADS}).
   */
  ServerNode withEnvironment(String name, String value) {
    environment.put(name, value);
    return this;
  }

  int httpPort() {
    return 8080 + portOffset;
  }

  /** The deployment URL, as Arquillian would give it: {@code http://localhost:<port>/runway/}. */
  URI url() {
    return URI.create("http://localhost:" + httpPort() + "/runway/");
  }

  /** Where standalone.sh writes its console: kept across restarts, one start after the other. */
  Path consoleLog() {
    return baseDir.resolve("console.log");
  }

  /** Starts the server (standalone.sh, in the foreground of its own sh) and returns at once. */
  void start() {
    assertFalse(script != null && script.isAlive(), "the node is already started");
    assertFalse(
        portTaken(httpPort()),
        "port " + httpPort() + " is taken: a server of an earlier build still running?");
    List<String> command = new ArrayList<>();
    command.add(wildflyHome.resolve("bin/standalone.sh").toString());
    command.add("-Djboss.server.base.dir=" + baseDir);
    command.add("-c");
    command.add(config);
    command.add("-Djboss.socket.binding.port-offset=" + portOffset);
    command.addAll(serverOptions);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog().toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().put("JAVA_OPTS", JAVA_OPTS);
    builder.environment().remove("LAUNCH_JBOSS_IN_BACKGROUND");
    builder.environment().putAll(environment);
    try {
      script = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until {@code GET api/health} answers 200: deployed, recovered and polling. */
  void awaitHealthy() {
    Api api = new Api(url());
    Instant deadline = Instant.now().plus(STARTUP);
    while (!healthy(api)) {
      if (!script.isAlive()) {
        fail("the node exited with status " + script.exitValue() + " while starting; " + tail());
      }
      if (Instant.now().isAfter(deadline)) {
        fail("the node did not answer 200 on /api/health within " + STARTUP + "; " + tail());
      }
      pause();
    }
  }

  /**
   * Kills the server's JVM with SIGKILL, as {@code kill -9} would: no shutdown hook, no
   * undeployment, the processes it started left behind. Then ends the script that launched it.
   */
  void kill() {
    ProcessHandle java =
        serverJvm().orElseThrow(() -> new AssertionError("no java process under " + script));
    java.destroyForcibly();
    awaitExit(java);
    script.destroyForcibly();
    awaitExit(script.toHandle());
  }

  /** Ends the node's whole process tree, deepest first, and waits until every member is gone. */
  @Override
  public void close() {
    if (script == null) {
      return;
    }
    List<ProcessHandle> tree = new ArrayList<>(script.descendants().toList());
    Collections.reverse(tree);
    tree.add(script.toHandle());
    tree.forEach(ProcessHandle::destroyForcibly);
    tree.forEach(ServerNode::awaitExit);
  }

  /** The JVM standalone.sh started: a {@code java} descendant of the script. */
  Optional<ProcessHandle> serverJvm() {
    return script
        .descendants()
        .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
        .findFirst();
  }

  /** The last lines of the server log (of the console before there is one), for a message. */
  String tail() {
    Path log = baseDir.resolve("log/server.log");
    return lastLines(Files.exists(log) ? log : consoleLog(), line -> true);
  }

  /** The last warnings and errors Runway logged, for a message that must say why. */
  String runwayWarnings() {
    return lastLines(
        baseDir.resolve("log/runway.log"),
        line -> line.contains(" WARN ") || line.contains(" ERROR "));
  }

  private static String lastLines(Path log, Predicate<String> wanted) {
    StringBuilder text = new StringBuilder("\n--- last lines of " + log + " ---\n");
    try {
      List<String> lines = Files.readAllLines(log).stream().filter(wanted).toList();
      lines
          .subList(Math.max(0, lines.size() - 40), lines.size())
          .forEach(line -> text.append(line).append('\n'));
    } catch (IOException | RuntimeException e) {
      text.append("(unreadable: ").append(e).append(")\n");
    }
    return text.toString();
  }

  private static boolean healthy(Api api) {
    try {
      return api.get("health").status() == 200;
    } catch (IllegalStateException e) {
      return false; // not listening yet
    }
  }

  private static boolean portTaken(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("localhost", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void awaitExit(ProcessHandle process) {
    try {
      process.onExit().get(EXIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      fail("process " + process.pid() + " did not exit within " + EXIT);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Copies a directory; a server's state (data, logs, tmp, deployment markers) is left out. */
  private static void copyTree(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path relative = from.relativize(file);
        if (isServerState(relative)) {
          continue;
        }
        Path target = to.resolve(relative.toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          copy(file, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isServerState(Path relative) {
    String first = relative.getNameCount() == 0 ? "" : relative.getName(0).toString();
    String name = relative.getFileName() == null ? "" : relative.getFileName().toString();
    return List.of("data", "log", "tmp").contains(first)
        || first.equals("deployments") && !name.endsWith(".jar") && !name.equals("deployments");
  }

  private static void copy(Path from, Path to) {
    try {
      Files.createDirectories(to.getParent());
      Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.runway.processes.control;

import dev.runway.processes.entity.LaunchSpec;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** Starts real processes with {@link ProcessBuilder}: argv as given, never through a shell. */
public class OsProcessLauncher implements ProcessLauncher {

  @Override
  public LaunchedProcess launch(LaunchSpec spec) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(spec.argv());
    if (spec.workingDirectory() != null) {
      builder.directory(spec.workingDirectory().toFile());
    }
    builder.environment().clear();
    builder.environment().putAll(spec.environment());
    builder.redirectInput(ProcessBuilder.Redirect.PIPE);
    Process process = builder.start();
    process.getOutputStream().close();
    String runId = spec.environment().get(ProcessTree.MARKER);
    return new OsProcess(
        process,
        new ProcessTree(
            process.toHandle(), runId == null ? new UUID(0, 0) : UUID.fromString(runId)));
  }

  private record OsProcess(Process process, ProcessTree tree) implements LaunchedProcess {

    @Override
    public long pid() {
      return process.pid();
    }

    @Override
    public InputStream stdout() {
      return process.getInputStream();
    }

    @Override
    public InputStream stderr() {
      return process.getErrorStream();
    }

    /** Completes on a pool thread of the JDK once the reaper has seen the exit. */
    @Override
    public CompletableFuture<?> onExit() {
      return process.onExit();
    }

    @Override
    public boolean isAlive() {
      return process.isAlive();
    }

    @Override
    public int exitCode() {
      return process.exitValue();
    }

    @Override
    public Optional<Instant> startInstant() {
      return process.info().startInstant();
    }

    @Override
    public void terminateTree() {
      tree.terminate();
    }

    @Override
    public boolean treeAlive() {
      return tree.isAlive();
    }

    @Override
    public void destroyTree() {
      tree.kill();
      process.destroyForcibly();
    }
  }
}

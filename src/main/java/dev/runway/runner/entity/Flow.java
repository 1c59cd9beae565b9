package dev.runway.runner.entity;

import java.util.List;
import java.util.Map;

/**
 * What the Java API serves: a flow is a program to run, named. Its command is an argv, never run
 * through a shell.
 */
public record Flow(
    String name, List<String> command, String workingDirectory, Map<String, String> env) {

  public static Flow of(String name, String... command) {
    return new Flow(name, List.of(command), null, Map.of());
  }

  public Flow inDirectory(String directory) {
    return new Flow(name, command, directory, env);
  }

  public Flow withEnv(Map<String, String> variables) {
    return new Flow(name, command, workingDirectory, variables);
  }
}

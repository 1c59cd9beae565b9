package dev.runway.processes.entity;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** An operating-system process to start: argv (no shell), directory (null: the server's), env. */
public record LaunchSpec(
    List<String> argv, Path workingDirectory, Map<String, String> environment) {}

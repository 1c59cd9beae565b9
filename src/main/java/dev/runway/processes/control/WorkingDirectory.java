package dev.runway.processes.control;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** A run's working directory must be an absolute, existing directory with no {@code ..} in it. */
final class WorkingDirectory {

  private WorkingDirectory() {}

  /** The directory to start in, or null for the server's own. */
  static Path check(String directory) throws LaunchRefused {
    if (directory == null) {
      return null;
    }
    Path path;
    try {
      path = Path.of(directory);
    } catch (InvalidPathException e) {
      throw new LaunchRefused("working directory '" + directory + "' is not a valid path");
    }
    if (!path.isAbsolute()) {
      throw new LaunchRefused("working directory '" + directory + "' is not absolute");
    }
    for (Path part : path) {
      if (part.toString().equals("..")) {
        throw new LaunchRefused("working directory '" + directory + "' contains '..'");
      }
    }
    if (!Files.isDirectory(path)) {
      throw new LaunchRefused("working directory '" + directory + "' does not exist");
    }
    return path;
  }
}

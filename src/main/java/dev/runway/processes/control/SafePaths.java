package dev.runway.processes.control;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The paths a run may use: the program and the working directory must be absolute, with no {@code
 * ..} to climb out of where they point, and the directory must exist. (A missing program is
 * reported by the launcher itself, with the operating system's reason.)
 */
final class SafePaths {

  private SafePaths() {}

  static void program(String program) throws LaunchRefused {
    absolute("program", program);
  }

  /** The directory to start in, or null for the server's own. */
  static Path workingDirectory(String directory) throws LaunchRefused {
    if (directory == null) {
      return null;
    }
    Path path = absolute("working directory", directory);
    if (!Files.isDirectory(path)) {
      throw new LaunchRefused("working directory '" + directory + "' does not exist");
    }
    return path;
  }

  private static Path absolute(String what, String text) throws LaunchRefused {
    Path path;
    try {
      path = Path.of(text);
    } catch (InvalidPathException e) {
      throw new LaunchRefused(what + " '" + text + "' is not a valid path");
    }
    if (!path.isAbsolute()) {
      throw new LaunchRefused(what + " '" + text + "' is not an absolute path");
    }
    for (Path part : path) {
      if (part.toString().equals("..")) {
        throw new LaunchRefused(what + " '" + text + "' contains '..'");
      }
    }
    return path;
  }
}

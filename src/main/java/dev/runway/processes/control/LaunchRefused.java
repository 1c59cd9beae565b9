package dev.runway.processes.control;

/** A run whose process must not be started; the message says why, for the CRASHED state. */
public class LaunchRefused extends Exception {

  public LaunchRefused(String reason) {
    super(reason);
  }
}

package dev.runway.processes.entity;

import java.time.Instant;

/** A line of a process's output: numbered across both streams in the order it was read. */
public record OutputLine(long seq, Instant at, String stream, String text) {

  public static final String STDOUT = "stdout";
  public static final String STDERR = "stderr";

  /** What Runway itself says of the run, among its output (a dropped result, say). */
  public static final String RUNWAY = "runway";
}

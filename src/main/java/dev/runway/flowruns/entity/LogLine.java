package dev.runway.flowruns.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One line a run's process wrote, numbered in the order the runner read it. */
@Entity
@Table(name = "flow_run_log")
@IdClass(LogLine.Key.class)
public class LogLine {

  /** Lines are numbered per run. */
  public static class Key implements Serializable {
    private UUID flowRunId;
    private long seq;

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && key.seq == seq && Objects.equals(key.flowRunId, flowRunId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(flowRunId, seq);
    }
  }

  @Id
  @Column(name = "flow_run_id")
  private UUID flowRunId;

  @Id private long seq;

  @Column(name = "logged_at", nullable = false)
  private Instant timestamp;

  @Column(nullable = false)
  private String stream;

  @Column(nullable = false)
  private String message;

  @Column(nullable = false)
  private int attempt = 1;

  protected LogLine() {}

  public LogLine(UUID flowRunId, long seq, Instant timestamp, String stream, String message) {
    this.flowRunId = flowRunId;
    this.seq = seq;
    this.timestamp = timestamp;
    this.stream = stream;
    this.message = message;
  }

  public long getSeq() {
    return seq;
  }

  public Instant getTimestamp() {
    return timestamp;
  }

  public String getStream() {
    return stream;
  }

  public String getMessage() {
    return message;
  }

  /** Which attempt of the run wrote the line: its run count when it ran. */
  public int getAttempt() {
    return attempt;
  }

  public LogLine ofAttempt(int number) {
    this.attempt = number;
    return this;
  }
}

package dev.runway.cluster.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A runner node as the other nodes know it: its name, when it started and when it last beat. */
@Entity
@Table(name = "runner_node")
public class RunnerNode {

  @Id private String name;

  @Column(name = "started_at", nullable = false)
  private Instant startedAt;

  @Column(name = "heartbeat_at", nullable = false)
  private Instant heartbeatAt;

  @Column(name = "lost_at")
  private Instant lostAt;

  protected RunnerNode() {}

  public RunnerNode(String name, Instant startedAt, Instant heartbeatAt) {
    this.name = name;
    this.startedAt = startedAt;
    this.heartbeatAt = heartbeatAt;
  }

  public String getName() {
    return name;
  }

  public Instant getStartedAt() {
    return startedAt;
  }

  public Instant getHeartbeatAt() {
    return heartbeatAt;
  }

  /** When another node found this one silent and ended its runs; null while it beats. */
  public Instant getLostAt() {
    return lostAt;
  }

  public void beat(Instant startedAt, Instant at) {
    this.startedAt = startedAt;
    this.heartbeatAt = at;
    this.lostAt = null;
  }

  public void lost(Instant at) {
    this.lostAt = at;
  }
}

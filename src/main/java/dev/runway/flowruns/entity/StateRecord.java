package dev.runway.flowruns.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One entry of a run's state history; the identity column keeps the entries in order. */
@Entity
@Table(name = "flow_run_state")
public class StateRecord {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "flow_run_id", nullable = false)
  private UUID flowRunId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private StateType type;

  @Column(nullable = false)
  private String name;

  private String message;

  @Column(name = "entered_at", nullable = false)
  private Instant timestamp;

  protected StateRecord() {}

  public StateRecord(UUID flowRunId, State state) {
    this.flowRunId = flowRunId;
    this.type = state.type();
    this.name = state.name();
    this.message = state.message();
    this.timestamp = state.timestamp();
  }

  public State state() {
    return new State(type, name, message, timestamp);
  }
}

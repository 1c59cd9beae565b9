package dev.runway.flowruns.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * One execution of a deployment, or of a bundle: an ad-hoc command that carries its own working
 * directory and environment and has no deployment. Parameters, tags and a bundle's command and
 * environment are JSON text; the current state is kept in columns so that the due-run and filter
 * queries need no join, its history in {@link StateRecord}.
 */
@Entity
@Table(name = "flow_run")
public class FlowRun {

  @Id private UUID id;

  @Column(nullable = false)
  private String name;

  @Column(name = "deployment_id")
  private UUID deploymentId;

  @Column(name = "deployment_name")
  private String deploymentName;

  @Column(name = "flow_name", nullable = false)
  private String flowName;

  @Column(nullable = false)
  private String parameters;

  @Enumerated(EnumType.STRING)
  @Column(name = "state_type", nullable = false)
  private StateType stateType;

  @Column(name = "state_name", nullable = false)
  private String stateName;

  @Column(name = "state_message")
  private String stateMessage;

  @Column(name = "state_timestamp", nullable = false)
  private Instant stateTimestamp;

  @Column(name = "expected_start_time", nullable = false)
  private Instant expectedStartTime;

  @Column(name = "start_time")
  private Instant startTime;

  @Column(name = "end_time")
  private Instant endTime;

  @Column(name = "run_count", nullable = false)
  private int runCount;

  @Column(name = "idempotency_key")
  private String idempotencyKey;

  @Column(name = "auto_scheduled", nullable = false)
  private boolean autoScheduled;

  private String node;

  private Long pid;

  @Column(name = "exit_code")
  private Integer exitCode;

  private String result;

  @Column(nullable = false)
  private String tags;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Column(name = "schedule_id")
  private UUID scheduleId;

  @Column(name = "scheduled_for")
  private Instant scheduledFor;

  @Column(name = "start_lateness_us")
  private Long startLatenessMicros;

  @Column(name = "process_started_at")
  private Instant processStartedAt;

  @Column(name = "api_token_hash")
  private String apiTokenHash;

  @Column(name = "bundle_command")
  private String bundleCommand;

  @Column(name = "bundle_working_directory")
  private String bundleWorkingDirectory;

  @Column(name = "bundle_env")
  private String bundleEnv;

  @Column(name = "triggered_by")
  private UUID triggeredBy;

  @Version private long version;

  protected FlowRun() {}

  public FlowRun(UUID id, String name, UUID deploymentId, String deploymentName, String flowName) {
    this.id = id;
    this.name = name;
    this.deploymentId = deploymentId;
    this.deploymentName = deploymentName;
    this.flowName = flowName;
  }

  public State state() {
    return new State(stateType, stateName, stateMessage, stateTimestamp);
  }

  public void setState(State state) {
    this.stateType = state.type();
    this.stateName = state.name();
    this.stateMessage = state.message();
    this.stateTimestamp = state.timestamp();
    this.updatedAt = state.timestamp();
  }

  public UUID getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public UUID getDeploymentId() {
    return deploymentId;
  }

  public String getDeploymentName() {
    return deploymentName;
  }

  public String getFlowName() {
    return flowName;
  }

  public String getParameters() {
    return parameters;
  }

  public void setParameters(String parameters) {
    this.parameters = parameters;
  }

  public StateType getStateType() {
    return stateType;
  }

  public Instant getExpectedStartTime() {
    return expectedStartTime;
  }

  public void setExpectedStartTime(Instant expectedStartTime) {
    this.expectedStartTime = expectedStartTime;
  }

  public Instant getStartTime() {
    return startTime;
  }

  public void setStartTime(Instant startTime) {
    this.startTime = startTime;
  }

  public Instant getEndTime() {
    return endTime;
  }

  public void setEndTime(Instant endTime) {
    this.endTime = endTime;
  }

  public int getRunCount() {
    return runCount;
  }

  public void setRunCount(int runCount) {
    this.runCount = runCount;
  }

  public String getIdempotencyKey() {
    return idempotencyKey;
  }

  public void setIdempotencyKey(String idempotencyKey) {
    this.idempotencyKey = idempotencyKey;
  }

  public boolean isAutoScheduled() {
    return autoScheduled;
  }

  public void setAutoScheduled(boolean autoScheduled) {
    this.autoScheduled = autoScheduled;
  }

  public String getNode() {
    return node;
  }

  public void setNode(String node) {
    this.node = node;
  }

  public Long getPid() {
    return pid;
  }

  public void setPid(Long pid) {
    this.pid = pid;
  }

  public Integer getExitCode() {
    return exitCode;
  }

  public void setExitCode(Integer exitCode) {
    this.exitCode = exitCode;
  }

  public String getResult() {
    return result;
  }

  public void setResult(String result) {
    this.result = result;
  }

  public String getTags() {
    return tags;
  }

  public void setTags(String tags) {
    this.tags = tags;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(Instant createdAt) {
    this.createdAt = createdAt;
  }

  public String getApiTokenHash() {
    return apiTokenHash;
  }

  public void setApiTokenHash(String apiTokenHash) {
    this.apiTokenHash = apiTokenHash;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  /** The schedule that made this run, null for a run made by hand or by the API. */
  public UUID getScheduleId() {
    return scheduleId;
  }

  /** The schedule's instant this run stands for; unlike the expected start, a retry keeps it. */
  public Instant getScheduledFor() {
    return scheduledFor;
  }

  public void setSchedule(UUID scheduleId, Instant scheduledFor) {
    this.scheduleId = scheduleId;
    this.scheduledFor = scheduledFor;
    this.autoScheduled = scheduleId != null;
  }

  /** How long after its expected start the process of the last attempt started. */
  public Long getStartLatenessMicros() {
    return startLatenessMicros;
  }

  public void setStartLatenessMicros(Long startLatenessMicros) {
    this.startLatenessMicros = startLatenessMicros;
  }

  /** When the run's process started, as the system told; with the pid it names the process. */
  public Instant getProcessStartedAt() {
    return processStartedAt;
  }

  public void setProcessStartedAt(Instant processStartedAt) {
    this.processStartedAt = processStartedAt;
  }

  /** Whether this is a bundle's run: its command is its own, it has no deployment. */
  public boolean isBundle() {
    return deploymentId == null;
  }

  /** A bundle's argv as JSON text; null for a deployment's run. */
  public String getBundleCommand() {
    return bundleCommand;
  }

  public String getBundleWorkingDirectory() {
    return bundleWorkingDirectory;
  }

  /** A bundle's environment as a JSON object's text, secrets included; null for a deployment's. */
  public String getBundleEnv() {
    return bundleEnv;
  }

  public void setBundle(String command, String workingDirectory, String env) {
    this.bundleCommand = command;
    this.bundleWorkingDirectory = workingDirectory;
    this.bundleEnv = env;
  }

  /** The upstream run whose state change made this run by a trigger; null for any other run. */
  public UUID getTriggeredBy() {
    return triggeredBy;
  }

  public void setTriggeredBy(UUID triggeredBy) {
    this.triggeredBy = triggeredBy;
  }
}

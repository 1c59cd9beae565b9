package dev.runway.deployments.entity;

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
 * A named, schedulable way to run a flow. The command, environment, parameters and tags are JSON
 * text: they are read and written whole, never queried into.
 */
@Entity
@Table(name = "deployment")
public class Deployment {

  @Id private UUID id;

  @Column(nullable = false)
  private String name;

  @Column(name = "flow_name", nullable = false)
  private String flowName;

  @Column(nullable = false)
  private String command;

  @Column(name = "working_directory")
  private String workingDirectory;

  @Column(nullable = false)
  private String env;

  @Column(nullable = false)
  private String parameters;

  @Column(name = "parameter_schema")
  private String parameterSchema;

  @Column(name = "enforce_parameter_schema", nullable = false)
  private boolean enforceParameterSchema;

  @Column(nullable = false)
  private boolean paused;

  @Column(name = "concurrency_limit")
  private Integer concurrencyLimit;

  @Enumerated(EnumType.STRING)
  @Column(name = "collision_strategy", nullable = false)
  private CollisionStrategy collisionStrategy;

  @Column(nullable = false)
  private int retries;

  @Column(name = "retry_delay_seconds", nullable = false)
  private int retryDelaySeconds;

  @Column(name = "timeout_seconds")
  private Integer timeoutSeconds;

  @Column(nullable = false)
  private String schedules;

  @Column(nullable = false)
  private String triggers;

  @Column(nullable = false)
  private String tags;

  private String description;

  @Column(name = "version_label")
  private String versionLabel;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected Deployment() {}

  public Deployment(UUID id, Instant createdAt) {
    this.id = id;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
  }

  public UUID getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getFlowName() {
    return flowName;
  }

  public void setFlowName(String flowName) {
    this.flowName = flowName;
  }

  public String getCommand() {
    return command;
  }

  public void setCommand(String command) {
    this.command = command;
  }

  public String getWorkingDirectory() {
    return workingDirectory;
  }

  public void setWorkingDirectory(String workingDirectory) {
    this.workingDirectory = workingDirectory;
  }

  public String getEnv() {
    return env;
  }

  public void setEnv(String env) {
    this.env = env;
  }

  public String getParameters() {
    return parameters;
  }

  public void setParameters(String parameters) {
    this.parameters = parameters;
  }

  public String getParameterSchema() {
    return parameterSchema;
  }

  public void setParameterSchema(String parameterSchema) {
    this.parameterSchema = parameterSchema;
  }

  public boolean isEnforceParameterSchema() {
    return enforceParameterSchema;
  }

  public void setEnforceParameterSchema(boolean enforceParameterSchema) {
    this.enforceParameterSchema = enforceParameterSchema;
  }

  public boolean isPaused() {
    return paused;
  }

  public void setPaused(boolean paused) {
    this.paused = paused;
  }

  public Integer getConcurrencyLimit() {
    return concurrencyLimit;
  }

  public void setConcurrencyLimit(Integer concurrencyLimit) {
    this.concurrencyLimit = concurrencyLimit;
  }

  public CollisionStrategy getCollisionStrategy() {
    return collisionStrategy;
  }

  public void setCollisionStrategy(CollisionStrategy collisionStrategy) {
    this.collisionStrategy = collisionStrategy;
  }

  public int getRetries() {
    return retries;
  }

  public void setRetries(int retries) {
    this.retries = retries;
  }

  public int getRetryDelaySeconds() {
    return retryDelaySeconds;
  }

  public void setRetryDelaySeconds(int retryDelaySeconds) {
    this.retryDelaySeconds = retryDelaySeconds;
  }

  public Integer getTimeoutSeconds() {
    return timeoutSeconds;
  }

  public void setTimeoutSeconds(Integer timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds;
  }

  /** The schedules as a JSON array of {@code Schedule}. */
  public String getSchedules() {
    return schedules;
  }

  public void setSchedules(String schedules) {
    this.schedules = schedules;
  }

  /** The triggers as a JSON array of {@code Trigger}, each naming its upstream by id. */
  public String getTriggers() {
    return triggers;
  }

  public void setTriggers(String triggers) {
    this.triggers = triggers;
  }

  public String getTags() {
    return tags;
  }

  public void setTags(String tags) {
    this.tags = tags;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public String getVersionLabel() {
    return versionLabel;
  }

  public void setVersionLabel(String versionLabel) {
    this.versionLabel = versionLabel;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public void setUpdatedAt(Instant updatedAt) {
    this.updatedAt = updatedAt;
  }
}

package dev.runway.deployments.control;

import dev.runway.deployments.entity.CollisionStrategy;
import dev.runway.deployments.entity.Deployment;
import dev.runway.deployments.entity.DeploymentChanged;
import dev.runway.deployments.entity.DeploymentRequest;
import dev.runway.platform.control.Json;
import dev.runway.platform.control.ProblemException;
import dev.runway.schedules.control.ScheduleIdentity;
import dev.runway.schedules.control.StoredSchedules;
import dev.runway.schedules.entity.Schedule;
import dev.runway.triggers.control.StoredTriggers;
import dev.runway.triggers.control.TriggerGraph;
import dev.runway.triggers.entity.Trigger;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Stores deployments. Every change is validated first, so a refused request writes nothing.
 *
 * <p>A singleton without state or locks, not a stateless bean: the runner {@code @DependsOn} it so
 * that it is still there while the runner hands its runs back at undeployment.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Deployments {

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  @Inject Event<DeploymentChanged> changed;

  public Deployment create(DeploymentRequest request) {
    DeploymentValidator.check(request);
    refuseDuplicate(request.flowName(), request.name(), null);
    Deployment deployment = new Deployment(UUID.randomUUID(), clock.instant());
    List<Trigger> triggers = triggers(deployment.getId(), request);
    apply(request, ScheduleIdentity.assign(request.schedules(), List.of()), triggers, deployment);
    em.persist(deployment);
    changed.fire(new DeploymentChanged(deployment, true));
    return deployment;
  }

  public Deployment replace(UUID id, DeploymentRequest request) {
    DeploymentValidator.check(request);
    Deployment deployment = locked(id);
    refuseDuplicate(request.flowName(), request.name(), id);
    List<Schedule> schedules =
        ScheduleIdentity.assign(
            request.schedules(), StoredSchedules.read(deployment.getSchedules()));
    List<Trigger> triggers = triggers(id, request);
    String runShape = runShape(deployment);
    apply(request, schedules, triggers, deployment);
    deployment.setUpdatedAt(clock.instant());
    changed.fire(new DeploymentChanged(deployment, !runShape.equals(runShape(deployment))));
    return deployment;
  }

  /** Pauses the deployment: it gets no scheduled runs, and those made ahead are removed. */
  public Deployment pause(UUID id) {
    return setPaused(id, true);
  }

  /** Resumes the deployment: its schedules make runs again from now on. */
  public Deployment resume(UUID id) {
    return setPaused(id, false);
  }

  /**
   * Creates the deployment, or replaces the one with the same flow and name: the Java API's. A
   * request that does not say whether it is paused keeps the stored deployment's pause, so that
   * re-applying deployments at startup never resumes what an operator paused.
   */
  public Deployment upsert(DeploymentRequest request) {
    DeploymentValidator.check(request);
    return findByName(request.flowName(), request.name())
        .map(
            existing ->
                replace(
                    existing.getId(),
                    request.paused() == null ? request.withPaused(existing.isPaused()) : request))
        .orElseGet(() -> create(request));
  }

  /** Pauses every deployment not paused yet (pause-on-shutdown); how many. */
  public int pauseAll() {
    List<UUID> running =
        em.createQuery("select d.id from Deployment d where d.paused = false", UUID.class)
            .getResultList();
    running.forEach(this::pause);
    return running.size();
  }

  private Deployment setPaused(UUID id, boolean paused) {
    Deployment deployment = locked(id);
    if (deployment.isPaused() != paused) {
      deployment.setPaused(paused);
      deployment.setUpdatedAt(clock.instant());
      changed.fire(new DeploymentChanged(deployment, true));
    }
    return deployment;
  }

  /**
   * The deployment, its row locked until the transaction ends: writers of a deployment and of its
   * scheduled runs take turns, on every node.
   */
  public Deployment locked(UUID id) {
    Deployment deployment = em.find(Deployment.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (deployment == null) {
      throw ProblemException.notFound("Deployment", id);
    }
    return deployment;
  }

  public Deployment get(UUID id) {
    Deployment deployment = em.find(Deployment.class, id);
    if (deployment == null) {
      throw ProblemException.notFound("Deployment", id);
    }
    return deployment;
  }

  public Optional<Deployment> find(UUID id) {
    return Optional.ofNullable(em.find(Deployment.class, id));
  }

  public Optional<Deployment> findByName(String flowName, String name) {
    return em.createQuery(
            "select d from Deployment d where d.flowName = :flow and d.name = :name",
            Deployment.class)
        .setParameter("flow", flowName)
        .setParameter("name", name)
        .getResultStream()
        .findFirst();
  }

  public List<Deployment> list(int offset, int limit) {
    return em.createQuery(
            "select d from Deployment d order by d.flowName, d.name", Deployment.class)
        .setFirstResult(offset)
        .setMaxResults(limit)
        .getResultList();
  }

  public long count() {
    return em.createQuery("select count(d) from Deployment d", Long.class).getSingleResult();
  }

  /**
   * Removes the deployment and its runs that have not started; started runs keep their history. A
   * deployment that other deployments' triggers name is refused (409, naming them): their triggers
   * would silently never fire again.
   */
  public void delete(UUID id) {
    Deployment deployment = locked(id);
    List<String> dependents =
        downstreamOf(id).stream()
            .filter(d -> !d.getId().equals(id))
            .map(Deployments::label)
            .toList();
    if (!dependents.isEmpty()) {
      throw ProblemException.conflict(
          "Deployment "
              + label(deployment)
              + " is named by the triggers of "
              + String.join(", ", dependents)
              + "; remove those triggers first");
    }
    em.createQuery(
            "delete from FlowRun r where r.deploymentId = :id and r.stateType = "
                + "dev.runway.flowruns.entity.StateType.SCHEDULED")
        .setParameter("id", id)
        .executeUpdate();
    em.remove(deployment);
  }

  /** The deployments with a trigger that names {@code upstream}, by flowName/name. */
  public List<Deployment> downstreamOf(UUID upstream) {
    return StoredTriggers.downstreamOf(
        upstream,
        em.createQuery(
                "select d from Deployment d where d.triggers <> '[]' and d.triggers like :id",
                Deployment.class)
            .setParameter("id", "%" + upstream + "%")
            .getResultList());
  }

  /** The deployments that have triggers, whatever they name. */
  public List<Deployment> withTriggers() {
    return em.createQuery("select d from Deployment d where d.triggers <> '[]'", Deployment.class)
        .getResultList();
  }

  /**
   * The stored form of the request's triggers for the deployment {@code self}: upstreams resolved
   * to ids, cycles refused (400). The upstreams' rows are locked before the graph is read again, so
   * that two writes that would together close a cycle take turns and the second sees the first.
   */
  private List<Trigger> triggers(UUID self, DeploymentRequest request) {
    if (request.triggers() == null || request.triggers().isEmpty()) {
      return List.of();
    }
    graph().link(self, request.flowName(), request.name(), request.triggers()).stream()
        .map(Trigger::afterDeployment)
        .filter(upstream -> !upstream.equals(self))
        .distinct()
        .sorted()
        .forEach(this::locked);
    return graph().link(self, request.flowName(), request.name(), request.triggers());
  }

  /** Every stored deployment with the upstreams its triggers name. */
  private TriggerGraph graph() {
    return TriggerGraph.of(
        em.createQuery(
                "select d.id, d.flowName, d.name, d.triggers from Deployment d", Object[].class)
            .getResultStream()
            .map(
                row ->
                    new TriggerGraph.Node(
                        (UUID) row[0],
                        (String) row[1],
                        (String) row[2],
                        StoredTriggers.read((String) row[3]).stream()
                            .map(Trigger::afterDeployment)
                            .toList()))
            .toList());
  }

  private static String label(Deployment d) {
    return d.getFlowName() + "/" + d.getName();
  }

  private void refuseDuplicate(String flowName, String name, UUID self) {
    findByName(flowName, name)
        .filter(other -> !Objects.equals(other.getId(), self))
        .ifPresent(
            other -> {
              throw ProblemException.conflict(
                  "A deployment named "
                      + flowName
                      + "/"
                      + name
                      + " already exists: "
                      + other.getId());
            });
  }

  /** What the deployment's future runs are made of, to tell whether a write changed them. */
  private static String runShape(Deployment d) {
    return d.getSchedules() + d.getParameters() + d.isPaused();
  }

  private static void apply(
      DeploymentRequest r, List<Schedule> schedules, List<Trigger> triggers, Deployment d) {
    d.setName(r.name());
    d.setFlowName(r.flowName());
    d.setCommand(Json.strings(r.command()));
    d.setWorkingDirectory(r.workingDirectory());
    Map<String, String> stored = d.getEnv() == null ? Map.of() : Json.stringMap(d.getEnv());
    d.setEnv(Json.stringMap(SecretEnv.resolve(r.env() == null ? Map.of() : r.env(), stored)));
    d.setParameters(
        Json.text(r.parameters() == null ? JsonValue.EMPTY_JSON_OBJECT : r.parameters()));
    d.setParameterSchema(Json.text(r.parameterSchema()));
    d.setEnforceParameterSchema(r.enforceParameterSchema() == null || r.enforceParameterSchema());
    d.setSchedules(StoredSchedules.write(schedules));
    d.setPaused(r.paused() != null && r.paused());
    d.setConcurrencyLimit(r.concurrencyLimit());
    d.setCollisionStrategy(
        r.collisionStrategy() == null
            ? CollisionStrategy.ENQUEUE
            : CollisionStrategy.valueOf(r.collisionStrategy()));
    d.setRetries(r.retries() == null ? 0 : r.retries());
    d.setRetryDelaySeconds(r.retryDelaySeconds() == null ? 0 : r.retryDelaySeconds());
    d.setTimeoutSeconds(r.timeoutSeconds());
    d.setTriggers(StoredTriggers.write(triggers));
    d.setTags(Json.strings(r.tags() == null ? List.of() : r.tags()));
    d.setDescription(r.description());
    d.setVersionLabel(r.version());
  }
}

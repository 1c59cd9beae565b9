package dev.runway.cluster.control;

import dev.runway.cluster.entity.RunnerNode;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * The runner nodes sharing the store, as their heartbeats show them.
 *
 * <p>A singleton without state or locks, not a stateless bean: the runner {@code @DependsOn} it so
 * that it is still there while the runner hands its runs back at undeployment.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Nodes {

  @PersistenceContext EntityManager em;

  public void heartbeat(String name, Instant startedAt, Instant now) {
    RunnerNode node = em.find(RunnerNode.class, name, LockModeType.PESSIMISTIC_WRITE);
    if (node == null) {
      em.persist(new RunnerNode(name, startedAt, now));
    } else {
      node.beat(startedAt, now);
    }
  }

  /** Nodes whose last beat is before {@code since}: gone, or silent too long. */
  public List<RunnerNode> silentSince(Instant since) {
    return em.createQuery(
            "select n from RunnerNode n where n.heartbeatAt < :since order by n.name",
            RunnerNode.class)
        .setParameter("since", since)
        .getResultList();
  }

  /**
   * Marks the node lost if it is still silent since {@code since} and not marked yet: of all the
   * nodes that try, one succeeds, and only it announces the loss.
   */
  public boolean markLost(String name, Instant since, Instant now) {
    RunnerNode node = em.find(RunnerNode.class, name, LockModeType.PESSIMISTIC_WRITE);
    if (node == null || node.getLostAt() != null || !node.getHeartbeatAt().isBefore(since)) {
      return false;
    }
    node.lost(now);
    return true;
  }

  /** This node leaves the cluster in good order: it is no longer listed, nor ever found lost. */
  public void leave(String name) {
    RunnerNode node = em.find(RunnerNode.class, name, LockModeType.PESSIMISTIC_WRITE);
    if (node != null) {
      em.remove(node);
    }
  }

  /** Nodes that beat at or after {@code since}, by name. */
  public List<RunnerNode> live(Instant since) {
    return em.createQuery(
            "select n from RunnerNode n where n.heartbeatAt >= :since order by n.name",
            RunnerNode.class)
        .setParameter("since", since)
        .getResultList();
  }
}

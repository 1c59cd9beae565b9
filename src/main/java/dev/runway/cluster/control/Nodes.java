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

  /** Nodes that beat at or after {@code since}, by name. */
  public List<RunnerNode> live(Instant since) {
    return em.createQuery(
            "select n from RunnerNode n where n.heartbeatAt >= :since order by n.name",
            RunnerNode.class)
        .setParameter("since", since)
        .getResultList();
  }
}

package dev.runway.flowruns.control;

import dev.runway.flowruns.entity.LogLine;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;

/**
 * A run's captured output: written in batches as it arrives, read back by sequence number.
 *
 * <p>A singleton without state or locks, not a stateless bean: the runner {@code @DependsOn} it so
 * that it is still there while the runner hands its runs back at undeployment.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class LogStore {

  @PersistenceContext EntityManager em;

  public void append(List<LogLine> lines) {
    lines.forEach(em::persist);
  }

  /** The number of the run's last stored line, 0 when it has none. */
  public long lastSeq(UUID flowRunId) {
    Long last =
        em.createQuery("select max(l.seq) from LogLine l where l.flowRunId = :id", Long.class)
            .setParameter("id", flowRunId)
            .getSingleResult();
    return last == null ? 0 : last;
  }

  public List<LogLine> read(UUID flowRunId, long after, int limit) {
    return em.createQuery(
            "select l from LogLine l where l.flowRunId = :id and l.seq > :after order by l.seq",
            LogLine.class)
        .setParameter("id", flowRunId)
        .setParameter("after", after)
        .setMaxResults(limit)
        .getResultList();
  }
}

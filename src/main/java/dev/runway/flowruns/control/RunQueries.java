package dev.runway.flowruns.control;

import dev.runway.flowruns.entity.FlowRun;
import dev.runway.flowruns.entity.RunFilter;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The list and count queries of {@code GET /flow-runs}, built from one filter. */
final class RunQueries {

  private RunQueries() {}

  static TypedQuery<FlowRun> select(EntityManager em, RunFilter filter) {
    return bind(
        em.createQuery(
            "select r from FlowRun r" + where(filter) + " order by r.expectedStartTime desc, r.id",
            FlowRun.class),
        filter);
  }

  static TypedQuery<Long> count(EntityManager em, RunFilter filter) {
    return bind(
        em.createQuery("select count(r) from FlowRun r" + where(filter), Long.class), filter);
  }

  private static String where(RunFilter f) {
    List<String> terms = new ArrayList<>();
    add(terms, f.deploymentId(), "r.deploymentId = :deploymentId");
    add(terms, f.flowName(), "r.flowName = :flowName");
    add(terms, f.stateTypes(), "r.stateType in :stateTypes");
    add(terms, f.since(), "r.expectedStartTime >= :since");
    add(terms, f.until(), "r.expectedStartTime <= :until");
    return terms.isEmpty() ? "" : " where " + String.join(" and ", terms);
  }

  private static void add(List<String> terms, Object value, String term) {
    if (value != null) {
      terms.add(term);
    }
  }

  private static <Q extends TypedQuery<?>> Q bind(Q query, RunFilter f) {
    set(f.deploymentId(), v -> query.setParameter("deploymentId", v));
    set(f.flowName(), v -> query.setParameter("flowName", v));
    set(f.stateTypes(), v -> query.setParameter("stateTypes", v));
    set(f.since(), v -> query.setParameter("since", v));
    set(f.until(), v -> query.setParameter("until", v));
    return query;
  }

  private static <T> void set(T value, Consumer<T> binder) {
    if (value != null) {
      binder.accept(value);
    }
  }
}

package dev.runway.runner.boundary;

import dev.runway.flowruns.entity.FlowRunStateChanged;
import dev.runway.flowruns.entity.StateType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.function.Consumer;

/**
 * Hears that a run became SCHEDULED, once its transaction has committed, and tells the runner. A
 * plain CDI bean rather than an observer on the runner itself: while the runner is stopping (it
 * detaches first), late events find no one instead of a bean being destroyed.
 */
@ApplicationScoped
public class RunnerWakeUp {

  private volatile Consumer<FlowRunStateChanged> runner;

  void attach(Consumer<FlowRunStateChanged> runner) {
    this.runner = runner;
  }

  void detach() {
    this.runner = null;
  }

  void onStateChanged(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) FlowRunStateChanged change) {
    Consumer<FlowRunStateChanged> target = runner;
    if (target != null && change.to().type() == StateType.SCHEDULED) {
      target.accept(change);
    }
  }
}

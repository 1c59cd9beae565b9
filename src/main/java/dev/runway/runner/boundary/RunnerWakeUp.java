package dev.runway.runner.boundary;

import dev.runway.flowruns.entity.FlowRunStateChanged;
import dev.runway.flowruns.entity.StateType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.function.Consumer;

/**
 * Hears, once its transaction has committed, that a run became SCHEDULED (the runner may have to
 * claim it), CANCELLING (this node may run its process) or CANCELLED (this node may hold it waiting
 * for its start), and tells the runner. A plain CDI bean rather than an observer on the runner
 * itself: while the runner is stopping (it detaches first), late events find no one instead of a
 * bean being destroyed.
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
    StateType to = change.to().type();
    if (target != null
        && (to == StateType.SCHEDULED || to == StateType.CANCELLING || to == StateType.CANCELLED)) {
      target.accept(change);
    }
  }
}

package dev.runway.runner.control;

import java.util.concurrent.Semaphore;

/**
 * This node's process slots: a run holds one from its claim until its final state is recorded, so
 * the node never runs more processes than its limit.
 */
public class Slots {

  private final int limit;
  private final Semaphore free;

  public Slots(int limit) {
    this.limit = limit;
    this.free = new Semaphore(limit);
  }

  public boolean tryAcquire() {
    return free.tryAcquire();
  }

  public void release() {
    free.release();
  }

  public int available() {
    return free.availablePermits();
  }

  public int limit() {
    return limit;
  }

  public int taken() {
    return limit - free.availablePermits();
  }
}

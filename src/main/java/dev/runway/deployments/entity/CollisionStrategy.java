package dev.runway.deployments.entity;

/** What a run gets when its deployment's concurrency limit is full. */
public enum CollisionStrategy {
  ENQUEUE,
  CANCEL_NEW
}

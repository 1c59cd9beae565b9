package dev.runway.runner.entity;

import java.util.UUID;
import java.util.concurrent.Future;

/** A bundle started on this node: its run, and a future that completes when the run has ended. */
public record BundleRun(UUID flowRunId, Future<?> ended) {}

package dev.runway.flowruns.entity;

import dev.runway.deployments.entity.Deployment;

/**
 * A run a node has just claimed, with what starting it needs: its deployment (null for a bundle's
 * run, and for a run whose deployment was deleted meanwhile) and the last sequence number of its
 * log, after which this attempt's lines follow.
 */
public record ClaimedRun(FlowRun run, Deployment deployment, long lastLogSeq) {}

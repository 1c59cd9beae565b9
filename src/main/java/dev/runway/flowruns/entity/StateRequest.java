package dev.runway.flowruns.entity;

/**
 * A state proposed through the API: a type, optionally a name and a message; {@code force} lets an
 * operator override the state rules (and end a run that already ended).
 */
public record StateRequest(String type, String name, String message, Boolean force) {}

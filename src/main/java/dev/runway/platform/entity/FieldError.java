package dev.runway.platform.entity;

/** One invalid field of a request: its JSON path and why it was refused. */
public record FieldError(String field, String message) {}

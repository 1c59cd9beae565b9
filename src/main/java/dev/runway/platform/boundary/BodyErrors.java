package dev.runway.platform.boundary;

/** Finds the most telling message in a chain of JSON binding exceptions. */
final class BodyErrors {

  private BodyErrors() {}

  static String describe(Throwable e) {
    String message = null;
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
    }
    return message == null ? "The request body is not valid JSON" : message;
  }
}

package dev.runway.platform.control;

import java.util.UUID;

/** Path and query ids: a malformed one is a 404 (no such thing), a missing one a 400. */
public final class Ids {

  private Ids() {}

  public static UUID path(String what, String text) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound(what, text);
    }
  }

  public static UUID query(String field, String text) {
    if (text == null) {
      return null;
    }
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalid(field, "must be a UUID");
    }
  }
}

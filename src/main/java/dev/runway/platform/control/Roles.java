package dev.runway.platform.control;

/**
 * The roles of spec §7. Each includes the ones below it: an operator may read, an admin may do
 * everything. The users holding them live in the server's realm, not in Runway.
 */
public final class Roles {

  public static final String VIEWER = "runway-viewer";
  public static final String OPERATOR = "runway-operator";
  public static final String ADMIN = "runway-admin";

  /** What a run's own process is, when it calls with its token. */
  public static final String RUN = "runway-run";

  private Roles() {}
}

package dev.runway.platform.control;

/** A page of a list: {@code limit} (default 50, at most 500) items from {@code offset}. */
public record Paging(int offset, int limit) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  /** Reads the query parameters, refusing values out of range rather than clamping them. */
  public static Paging of(Integer offset, Integer limit) {
    int o = offset == null ? 0 : offset;
    int l = limit == null ? DEFAULT_LIMIT : limit;
    if (o < 0) {
      throw ProblemException.invalid("offset", "must be at least 0");
    }
    if (l < 1 || l > MAX_LIMIT) {
      throw ProblemException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
    }
    return new Paging(o, l);
  }
}
